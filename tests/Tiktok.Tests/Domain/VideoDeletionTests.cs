using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Likes;
using Tiktok.Core.Media;
using Tiktok.Core.Videos;
using Tiktok.Core.Videos.Processing;
using Tiktok.Server.Live;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;
using Tiktok.Tests.Media;

namespace Tiktok.Tests.Domain;

/// <summary>
/// Deleting one's video through the real host: counts moved back exactly (also with likes and comments
/// arriving at the same moment), rows, caches, feeds and store objects gone (local and S3, and later when
/// the store was down), watchers told, and nobody else able to do it; on SQLite and PostgreSQL.
/// </summary>
public sealed class VideoDeletionTests : IDisposable
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"));
    private const string Delete = "mutation($id: ID!) { deleteVideo(id: $id) }";
    private readonly List<TiktokFactory> _hosts = [];

    private TiktokFactory Host(string database, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var f = new TiktokFactory(settings: settings, configure: configure, database: database);
        _hosts.Add(f);
        _ = f.Server;
        return f;
    }

    public void Dispose()
    {
        foreach (var f in _hosts)
        {
            f.Dispose();
            f.DeleteData();
        }
    }

    private static async Task<long> PublishAsync(HttpClient http, string token, string title = "clip")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent(title), "title" },
            { new ByteArrayContent(Fixture), "data", "clip.mp4" },
        };
        using var published = await http.PostAsync("/douyin/publish/action/", form);
        Assert.Equal(0, (await published.Content.ReadFromJsonAsync<JsonElement>()).Status());
        var feed = await http.GetJsonAsync($"/douyin/feed/?token={token}");
        return feed.GetProperty("video_list").EnumerateArray().First().GetProperty("id").GetInt64();
    }

    private static Task<User> UserAsync(TiktokFactory f, long id) =>
        f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private static async Task<List<long>> IdsAsync(HttpClient http, string pathAndQuery, string list = "video_list")
    {
        var answer = await http.GetJsonAsync(pathAndQuery);
        Assert.Equal(0, answer.Status());
        return answer.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(v => v.GetProperty("id").GetInt64()).ToList()
            : [];
    }

    /// <summary>Every user's counts equal what the rows say.</summary>
    private static async Task AssertCountsMatchRowsAsync(TiktokFactory f)
    {
        var (users, likes, videos) = await f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            return (await db.Users.AsNoTracking().ToListAsync(), await db.Likes.AsNoTracking().Include(l => l.Video).ToListAsync(),
                await db.Videos.AsNoTracking().ToListAsync());
        });
        foreach (var u in users)
        {
            Assert.Equal(likes.Count(l => l.UserId == u.Id), u.LikeCount);
            Assert.Equal(likes.Count(l => l.Video.AuthorId == u.Id), u.LikesReceived);
            Assert.Equal(videos.Count(v => v.AuthorId == u.Id), u.WorkCount);
        }
        var comments = await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Comments.AsNoTracking().ToListAsync());
        foreach (var v in videos)
        {
            Assert.Equal(likes.Count(l => l.VideoId == v.Id), v.LikeCount);
            Assert.Equal(comments.Count(c => c.VideoId == v.Id), v.CommentCount);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Deleting_my_video_moves_every_count_back_and_leaves_no_trace_in_reads_or_the_store(string database)
    {
        var f = Host(database);
        var http = f.CreateClient();
        var (author, authorToken) = await http.RegisterAsync();
        var (fan1, fan1Token) = await http.RegisterAsync();
        var (fan2, fan2Token) = await http.RegisterAsync();
        var kept = await PublishAsync(http, authorToken, "kept");
        var doomed = await PublishAsync(http, authorToken, "doomed");
        foreach (var token in new[] { fan1Token, fan2Token, authorToken }) Assert.Equal(0, (await http.LikeAsync(token, doomed, 1)).Status());
        Assert.Equal(0, (await http.LikeAsync(fan1Token, kept, 1)).Status());
        Assert.Equal(0, (await http.PostFormAsync("/douyin/comment/action/", ("token", fan2Token), ("video_id", doomed.ToString()),
            ("action_type", "1"), ("comment_text", "nice"))).Status());
        var video = await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.AsNoTracking().SingleAsync(v => v.Id == doomed));
        var keys = MediaPurge.KeysOf(video);
        var mediaDir = Path.Combine(f.DataDir, "media");
        Assert.True(File.Exists(Path.Combine(mediaDir, video.PlayKey)));
        // Warm every cache that could keep the video: feed page, cards, viewer flags, lists.
        Assert.Contains(doomed, await IdsAsync(http, $"/douyin/feed/?token={fan1Token}"));
        Assert.Contains(doomed, await IdsAsync(http, $"/douyin/favorite/list/?user_id={fan1}&token={fan1Token}"));
        Assert.Contains(doomed, await IdsAsync(http, $"/douyin/publish/list/?user_id={author}&token={fan1Token}"));
        var before = await http.DataAsync("query { feed(first: 10) { nodes { id } } }");
        Assert.Equal(2, before.GetProperty("feed").GetProperty("nodes").GetArrayLength());

        var deleted = await http.DataAsync(Delete, new { id = doomed.ToString() }, authorToken);
        Assert.Equal(doomed.ToString(), deleted.GetProperty("deleteVideo").GetString());

        var a = await UserAsync(f, author);
        Assert.Equal((1, 1, 0), (a.WorkCount, a.LikesReceived, a.LikeCount));
        Assert.Equal(1, (await UserAsync(f, fan1)).LikeCount);
        Assert.Equal(0, (await UserAsync(f, fan2)).LikeCount);
        await AssertCountsMatchRowsAsync(f);
        var leftovers = await f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            return await db.Likes.CountAsync(l => l.VideoId == doomed) + await db.Comments.CountAsync(c => c.VideoId == doomed)
                + await db.MediaJobs.CountAsync(j => j.VideoId == doomed) + await db.MediaDeletions.CountAsync();
        });
        Assert.Equal(0, leftovers);
        foreach (var key in keys) Assert.False(File.Exists(Path.Combine(mediaDir, key)), $"{key} should be gone from the store");

        // REST reads: feed, publish list, favorite list, comments; the user's counts as REST shows them.
        Assert.Equal([kept], await IdsAsync(http, $"/douyin/feed/?token={fan1Token}"));
        Assert.Equal([kept], await IdsAsync(http, "/douyin/feed/"));
        Assert.Equal([kept], await IdsAsync(http, $"/douyin/favorite/list/?user_id={fan1}&token={fan1Token}"));
        Assert.Empty(await IdsAsync(http, $"/douyin/favorite/list/?user_id={fan2}&token={fan2Token}"));
        Assert.Equal([kept], await IdsAsync(http, $"/douyin/publish/list/?user_id={author}&token={fan1Token}"));
        Assert.Equal(3002, (await http.GetJsonAsync($"/douyin/comment/list/?video_id={doomed}&token={fan1Token}")).Status());
        var info = (await http.GetJsonAsync($"/douyin/user/?user_id={author}&token={fan1Token}")).GetProperty("user");
        Assert.Equal((1, 1), (info.GetProperty("work_count").GetInt64(), long.Parse(info.GetProperty("total_favorited").ToString())));
        // GraphQL reads.
        var after = await http.DataAsync("query($id: ID!) { feed(first: 10) { nodes { id } } video(id: $id) { id } }", new { id = doomed.ToString() });
        Assert.Equal([kept.ToString()], after.GetProperty("feed").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("video").ValueKind);
        Assert.Contains(f.Events.All, e => e is VideoDeleted d && d.VideoId == doomed && d.AuthorId == author);
        Assert.DoesNotContain(f.Events.All, e => e is CommentDeleted d && d.VideoId == doomed);

        // Deleting it again: it is gone.
        var (_, again) = await http.GraphQLAsync(Delete, new { id = doomed.ToString() }, authorToken);
        Assert.Equal("VIDEO_NOT_FOUND", again.ErrorCode());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Nobody_but_the_author_can_delete_a_video_and_a_refusal_changes_nothing(string database)
    {
        var f = Host(database);
        var http = f.CreateClient();
        var (author, authorToken) = await http.RegisterAsync();
        var (_, otherToken) = await http.RegisterAsync();
        var video = await PublishAsync(http, authorToken);
        Assert.Equal(0, (await http.LikeAsync(otherToken, video, 1)).Status());

        var (_, refused) = await http.GraphQLAsync(Delete, new { id = video.ToString() }, otherToken);
        Assert.Equal("NOT_VIDEO_AUTHOR", refused.ErrorCode());
        Assert.Equal(4004, refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
        var (_, anonymous) = await http.GraphQLAsync(Delete, new { id = video.ToString() });
        Assert.Equal("TOKEN_MISSING", anonymous.ErrorCode());
        var (_, bad) = await http.GraphQLAsync(Delete, new { id = "abc" }, authorToken);
        Assert.Equal("NOT_A_NUMBER", bad.ErrorCode());

        Assert.Contains(video, await IdsAsync(http, "/douyin/feed/"));
        var a = await UserAsync(f, author);
        Assert.Equal((1, 1), (a.WorkCount, a.LikesReceived));
        await AssertCountsMatchRowsAsync(f);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Likes_and_comments_arriving_during_the_deletion_leave_every_count_equal_to_its_rows(string database)
    {
        var f = Host(database);
        var author = (await f.UsersAsync(1))[0];
        var fans = await f.UsersAsync(24);
        for (var round = 0; round < 3; round++)
        {
            var videos = await f.VideosAsync(author, 2);
            var (doomed, other) = (videos[0], videos[1]);
            foreach (var fan in fans.Take(8)) await f.InScopeAsync(sp => sp.GetRequiredService<Likes>().AddAsync(fan, doomed, default));

            async Task Quietly(Func<IServiceProvider, Task> work)
            {
                try { await f.InScopeAsync(work); }
                catch (DomainException e) when (e.Code is ErrorCode.VideoNotFound or ErrorCode.CommentNotFound) { }
            }
            var work = new List<Task>();
            foreach (var fan in fans)
            {
                work.Add(Quietly(sp => sp.GetRequiredService<Likes>().AddAsync(fan, doomed, default)));
                work.Add(Quietly(sp => sp.GetRequiredService<Likes>().RemoveAsync(fan, doomed, default)));
                work.Add(Quietly(sp => sp.GetRequiredService<Likes>().AddAsync(fan, other, default)));
                work.Add(Quietly(sp => sp.GetRequiredService<Comments>().AddAsync(fan, doomed, "racing", default)));
            }
            work.Insert(work.Count / 2, f.InScopeAsync(sp => sp.GetRequiredService<VideoDeletion>().DeleteAsync(author, doomed, default)));
            await Task.WhenAll(work);

            await AssertCountsMatchRowsAsync(f);
            Assert.False(await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.AnyAsync(v => v.Id == doomed)));
        }
    }

    /// <summary>A store whose deletions fail while <see cref="Down"/> is set, in front of the real one.</summary>
    private sealed class FlakyStore(IMediaStore inner) : IMediaStore
    {
        public static volatile bool Down;

        public Task PutAsync(string key, string localFile, string contentType, CancellationToken ct) => inner.PutAsync(key, localFile, contentType, ct);

        public Task DeleteAsync(string key, CancellationToken ct) =>
            Down ? throw new IOException("the store is down") : inner.DeleteAsync(key, ct);
    }

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task The_video_s_objects_leave_the_store_at_once_or_once_the_store_is_back(string store)
    {
        var settings = store == S3TestServer.S3 ? S3TestServer.Settings() : [];
        settings["Tiktok:Processing:PollInterval"] = "00:00:00.100";
        settings["Tiktok:Processing:RetryDelay"] = "00:00:00.050";
        var f = Host(TestDatabases.Sqlite, settings, s =>
        {
            var real = s.Last(d => d.ServiceType == typeof(IMediaStore));
            s.Remove(real);
            s.AddSingleton<IMediaStore>(sp => new FlakyStore((IMediaStore)(real.ImplementationFactory?.Invoke(sp)
                ?? real.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!))));
        });
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();
        var first = await PublishAsync(http, token, "first");
        var second = await PublishAsync(http, token, "second");
        async Task<bool> InStore(string key) => store == S3TestServer.S3
            ? await S3TestServer.ExistsAsync(S3TestServer.Bucket, key)
            : File.Exists(Path.Combine(f.DataDir, "media", key));
        async Task<IReadOnlyList<string>> KeysAsync(long id) => MediaPurge.KeysOf(await f.InScopeAsync(sp =>
            sp.GetRequiredService<TiktokDbContext>().Videos.AsNoTracking().SingleAsync(v => v.Id == id)));
        var firstKeys = await KeysAsync(first);
        var secondKeys = await KeysAsync(second);
        Assert.True(await InStore(firstKeys[0]));

        await http.DataAsync(Delete, new { id = first.ToString() }, token);
        foreach (var key in firstKeys) Assert.False(await InStore(key), $"{key} should be gone");

        FlakyStore.Down = true;
        try
        {
            await http.DataAsync(Delete, new { id = second.ToString() }, token); // committed though the store is down
            Assert.Empty(await IdsAsync(http, "/douyin/feed/"));
            Assert.True(await InStore(secondKeys[0]));
            var waiting = await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaDeletions.AsNoTracking().ToListAsync());
            Assert.Equal(secondKeys.OrderBy(k => k), waiting.Select(d => d.Key).OrderBy(k => k));
            Assert.All(waiting, d => Assert.True(d.Attempts >= 1 && d.LastError is not null));
        }
        finally
        {
            FlakyStore.Down = false;
        }
        // The media worker retries.
        for (var i = 0; i < 200 && await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaDeletions.AnyAsync()); i++)
            await Task.Delay(50);
        Assert.False(await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaDeletions.AnyAsync()));
        foreach (var key in secondKeys) Assert.False(await InStore(key), $"{key} should be gone once the store is back");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_pending_cover_job_goes_with_its_video_and_a_late_cover_is_removed(string database)
    {
        var f = Host(database, new() { ["Tiktok:Processing:Worker"] = "false", ["Tiktok:Processing:InlineBudget"] = "00:00:00" });
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();
        var video = await PublishAsync(http, token);
        var job = await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaJobs.AsNoTracking().SingleAsync(j => j.VideoId == video));
        Assert.Equal(MediaJobStates.Pending, job.State);

        await http.DataAsync(Delete, new { id = video.ToString() }, token);
        Assert.False(await f.Services.GetRequiredService<MediaJobRunner>().RunOneAsync(job.Id, default), "no job is left to claim");
        Assert.False(await f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.AnyAsync(v => v.Id == video)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Watchers_are_told_over_SignalR_and_GraphQL_subscriptions_end(string database)
    {
        var f = Host(database);
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();
        var video = await PublishAsync(http, token);

        await using var hub = HubClients.Build(f, LiveSetup.VideosPath, null);
        var told = hub.Record<LiveVideoDeleted>(LiveEvents.VideoDeleted);
        await hub.StartedAsync();
        await hub.InvokeAsync<LiveCounts>("Watch", video);

        await using var ws = await GraphQLWsClient.ReadyAsync(f);
        await ws.SubscribeAsync("counts", "subscription($v: ID!) { videoCounts(videoId: $v) { videoId } }", new { v = video.ToString() });
        await ws.SubscribeAsync("comments", "subscription($v: ID!) { commentEvents(videoId: $v) { kind } }", new { v = video.ToString() });
        var broker = f.Services.GetRequiredService<Tiktok.Schema.Subscriptions.LiveEventBroker>();
        for (var i = 0; i < 200 && broker.SubscriberCount < 2; i++) await Task.Delay(25);

        await http.DataAsync(Delete, new { id = video.ToString() }, token);

        Assert.Equal(video, (await told.NextAsync()).VideoId);
        var ended = new Dictionary<string, string>();
        for (var i = 0; i < 2; i++)
        {
            var message = await ws.NextAsync();
            Assert.Equal("error", message.GetProperty("type").GetString());
            ended[message.GetProperty("id").GetString()!] = message.GetProperty("payload").ToString();
        }
        Assert.Equal(["comments", "counts"], ended.Keys.Order());
        Assert.All(ended.Values, p => Assert.Contains("VIDEO_NOT_FOUND", p));
        for (var i = 0; i < 200 && broker.SubscriberCount > 0; i++) await Task.Delay(25);
        Assert.Equal(0, broker.SubscriberCount);
    }
}
