using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Events;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Live;

/// <summary>/hubs/videos against the real host: counts and comments pushed to watchers after each commit. On SQLite and on PostgreSQL.</summary>
public abstract class VideosHubTests(LiveFixture f) : IAsyncLifetime
{
    public sealed class Sqlite(LiveFixture.Sqlite f) : VideosHubTests(f), IClassFixture<LiveFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(LiveFixture.Postgres f) : VideosHubTests(f), IClassFixture<LiveFixture.Postgres>;

    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }

    private sealed record Watcher(HubConnection Connection, Inbox<LiveCounts> Counts, Inbox<LiveCommentAdded> Added,
        Inbox<LiveCommentDeleted> Deleted);

    private async Task<Watcher> WatcherAsync(string? token = null)
    {
        var connection = HubClients.Build(f.Factory, LiveSetup.VideosPath, token);
        var watcher = new Watcher(connection, connection.Record<LiveCounts>(LiveEvents.Counts),
            connection.Record<LiveCommentAdded>(LiveEvents.CommentAdded), connection.Record<LiveCommentDeleted>(LiveEvents.CommentDeleted));
        _connections.Add(connection);
        await connection.StartedAsync();
        return watcher;
    }

    private async Task<long> VideoAsync() => (await f.Factory.VideosAsync((await f.Factory.UsersAsync(1))[0], 1))[0];

    private Task<JsonElement> LikeAsync(string token, long video, int action) => f.Http.LikeAsync(token, video, action);

    [DatabaseFact]
    public async Task A_REST_like_and_unlike_push_the_new_counts_to_an_anonymous_watcher()
    {
        var video = await VideoAsync();
        var (_, fan) = await f.Http.RegisterAsync();
        var watcher = await WatcherAsync();
        Assert.Equal(new LiveCounts(video, 0, 0), await watcher.Connection.InvokeAsync<LiveCounts>("Watch", video));

        Assert.Equal(0, (await LikeAsync(fan, video, 1)).Status());
        Assert.Equal(new LiveCounts(video, 1, 0), await watcher.Counts.NextAsync());
        Assert.Equal(0, (await LikeAsync(fan, video, 1)).Status()); // a repeated like changes nothing: no push
        Assert.Equal(0, (await LikeAsync(fan, video, 2)).Status());
        Assert.Equal(new LiveCounts(video, 0, 0), await watcher.Counts.NextAsync());
        await watcher.Counts.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_REST_comment_pushes_the_comment_and_the_counts_and_its_deletion_too()
    {
        var video = await VideoAsync();
        var (commenter, token) = await f.Http.RegisterAsync();
        var watcher = await WatcherAsync(token); // a token is accepted too
        await watcher.Connection.InvokeAsync<LiveCounts>("Watch", video);

        var answer = await f.Http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
            ("action_type", "1"), ("comment_text", "first!"));
        var commentId = answer.GetProperty("comment").GetProperty("id").GetInt64();

        var added = await watcher.Added.NextAsync();
        Assert.Equal((video, commentId, commenter, "first!"), (added.VideoId, added.Id, added.UserId, added.Content));
        Assert.True(added.CreateTime > 0);
        Assert.Equal(new LiveCounts(video, 0, 1), await watcher.Counts.NextAsync());

        await f.Http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
            ("action_type", "2"), ("comment_id", commentId.ToString()));
        Assert.Equal(new LiveCommentDeleted(video, commentId), await watcher.Deleted.NextAsync());
        Assert.Equal(new LiveCounts(video, 0, 0), await watcher.Counts.NextAsync());
    }

    [DatabaseFact]
    public async Task Only_watchers_of_that_video_get_its_pushes_and_unwatch_stops_them()
    {
        var video = await VideoAsync();
        var other = await VideoAsync();
        var (_, fan) = await f.Http.RegisterAsync();
        var watching = await WatcherAsync();
        var elsewhere = await WatcherAsync();
        await watching.Connection.InvokeAsync<LiveCounts>("Watch", video);
        await watching.Connection.InvokeAsync<LiveCounts>("Watch", video); // idempotent: still one push
        await elsewhere.Connection.InvokeAsync<LiveCounts>("Watch", other);

        await LikeAsync(fan, video, 1);
        Assert.Equal(1, (await watching.Counts.NextAsync()).FavoriteCount);
        await watching.Counts.AssertNothingAsync();
        await elsewhere.Counts.AssertNothingAsync();

        await watching.Connection.InvokeAsync("Unwatch", video);
        await LikeAsync(fan, video, 2);
        await watching.Counts.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task Watching_an_unknown_video_or_too_many_is_refused_with_a_code()
    {
        var watcher = await WatcherAsync();
        var unknown = await Assert.ThrowsAsync<HubException>(() => watcher.Connection.InvokeAsync<LiveCounts>("Watch", 987654321L));
        Assert.EndsWith("HubException: 3002: video 987654321 does not exist", unknown.Message);

        var author = (await f.Factory.UsersAsync(1))[0];
        var videos = await f.Factory.VideosAsync(author, LiveSetup.MaxWatchedVideos + 1);
        foreach (var v in videos.Take(LiveSetup.MaxWatchedVideos)) await watcher.Connection.InvokeAsync<LiveCounts>("Watch", v);
        var tooMany = await Assert.ThrowsAsync<HubException>(() => watcher.Connection.InvokeAsync<LiveCounts>("Watch", videos[^1]));
        Assert.Contains("HubException: 1003: ", tooMany.Message);

        await watcher.Connection.InvokeAsync("Unwatch", videos[0]);
        await watcher.Connection.InvokeAsync<LiveCounts>("Watch", videos[^1]);
    }

    [DatabaseFact]
    public async Task Out_of_order_count_events_are_corrected_to_the_committed_counts()
    {
        var video = await VideoAsync();
        var (_, fan1) = await f.Http.RegisterAsync();
        var (_, fan2) = await f.Http.RegisterAsync();
        var watcher = await WatcherAsync();
        await watcher.Connection.InvokeAsync<LiveCounts>("Watch", video);
        await LikeAsync(fan1, video, 1);
        await LikeAsync(fan2, video, 1);
        Assert.Equal(1, (await watcher.Counts.NextAsync()).FavoriteCount);
        Assert.Equal(2, (await watcher.Counts.NextAsync()).FavoriteCount);

        // The first transaction's event arriving late, after the second's: a stale value is pushed...
        var pushes = f.Factory.Services.GetRequiredService<LivePushes>();
        await pushes.HandleAsync(new VideoCountsChanged(video, 1, 0), default);
        Assert.Equal(1, (await watcher.Counts.NextAsync()).FavoriteCount);
        // ...and then corrected from the database.
        Assert.Equal(new LiveCounts(video, 2, 0), await watcher.Counts.NextAsync());
        await watcher.Counts.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_WebSocket_watcher_without_a_token_gets_pushes()
    {
        var video = await VideoAsync();
        var (_, fan) = await f.Http.RegisterAsync();
        var socket = HubClients.BuildWebSocket(f.Factory, LiveSetup.VideosPath, null);
        _connections.Add(socket);
        var counts = socket.Record<LiveCounts>(LiveEvents.Counts);
        await socket.StartedAsync();
        await socket.InvokeAsync<LiveCounts>("Watch", video);

        await LikeAsync(fan, video, 1);
        Assert.Equal(new LiveCounts(video, 1, 0), await counts.NextAsync());
    }
}
