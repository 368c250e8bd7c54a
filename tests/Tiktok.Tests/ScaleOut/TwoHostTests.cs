using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.ScaleOut;

/// <summary>
/// Two instances on one database and one Redis: pushes and the feed cache across instances, on
/// SQLite and on PostgreSQL (the production scale-out).
/// </summary>
public sealed class TwoHostTests
{
    private static Task<System.Text.Json.JsonElement> SendAsync(HttpClient http, string token, long to, string content) =>
        http.PostFormAsync("/douyin/message/action/",
            ("token", token), ("to_user_id", to.ToString()), ("action_type", "1"), ("content", content));

    private static async Task<long> FavoriteCountAsync(HttpClient http, long video)
    {
        var feed = await http.GetJsonAsync("/douyin/feed/");
        Assert.Equal(0, feed.Status());
        return feed.GetProperty("video_list").EnumerateArray()
            .Single(v => v.GetProperty("id").GetInt64() == video).GetProperty("favorite_count").GetInt64();
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_chat_message_sent_through_host_A_reaches_a_client_connected_to_host_B(string database)
    {
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var (a, aToken) = await hosts.HttpA.RegisterAsync();
        var (b, bToken) = await hosts.HttpA.RegisterAsync(); // a token from A is valid on B (one signing key)
        await using var onB = HubClients.Build(hosts.B, LiveSetup.ChatPath, bToken);
        var inboxB = onB.Record<LiveMessage>(LiveEvents.Message);
        await onB.StartedAsync();
        await using var onA = HubClients.Build(hosts.A, LiveSetup.ChatPath, aToken);
        var inboxA = onA.Record<LiveMessage>(LiveEvents.Message);
        await onA.StartedAsync();

        Assert.Equal(0, (await SendAsync(hosts.HttpA, aToken, b, "across instances")).Status());

        var pushed = await inboxB.NextAsync();
        Assert.Equal((a, b, "across instances"), (pushed.FromUserId, pushed.ToUserId, pushed.Content));
        Assert.Equal(pushed, await inboxA.NextAsync());
        await inboxB.AssertNothingAsync(); // once, not once per instance
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_like_through_host_A_reaches_a_watcher_on_host_B(string database)
    {
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var (_, token) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];
        await using var watcher = HubClients.Build(hosts.B, LiveSetup.VideosPath, null);
        var counts = watcher.Record<LiveCounts>(LiveEvents.Counts);
        await watcher.StartedAsync();
        await watcher.InvokeAsync<LiveCounts>("Watch", video);

        Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, 1)).Status());

        Assert.Equal(new LiveCounts(video, 1, 0), await counts.NextAsync());
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_like_through_host_A_is_in_host_Bs_cached_feed_as_soon_as_A_answers(string database)
    {
        var prefix = RedisTest.NewPrefix();
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), prefix), database);
        var (_, token) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 3))[^1];

        // B caches the newest page (once its Redis connection is up): a cached read costs no SQL at all.
        var cached = false;
        for (var i = 0; i < 50 && !cached; i++)
        {
            cached = await hosts.B.Commands.CountAsync(() => FavoriteCountAsync(hosts.HttpB, video)) == 0;
            if (!cached) await Task.Delay(100);
        }
        Assert.True(cached, "host B never served the feed from its cache");

        for (var round = 1; round <= 5; round++)
        {
            var action = round % 2 == 1 ? 1 : 2;
            Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, action)).Status());
            Assert.Equal(action == 1 ? 1 : 0, await FavoriteCountAsync(hosts.HttpB, video));
            Assert.Equal(action == 1 ? 1 : 0, await FavoriteCountAsync(hosts.HttpB, video)); // now cached again, still right
        }

        // Redis loses the version (flush, eviction): no page read before is ever served again.
        var redis = hosts.B.Services.GetRequiredService<Tiktok.Server.ScaleOut.RedisConnection>();
        await redis.Database!.KeyDeleteAsync(prefix + ":feed:version");
        Assert.Equal(1, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, 2)).Status());
        Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
    }

    [Fact]
    public async Task Without_Redis_a_second_instance_keeps_serving_its_own_cached_page()
    {
        // Why the version must be shared: the embedded default (SQLite, no Redis) is one instance.
        using var hosts = new TwoHosts(null);
        var (_, token) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];
        Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, 1)).Status());
        Assert.Equal(1, await FavoriteCountAsync(hosts.HttpA, video));
        Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task With_Redis_unreachable_requests_still_succeed_from_the_database(string database)
    {
        // Port 1 on loopback: nothing listens there.
        using var hosts = new TwoHosts(RedisTest.Settings("127.0.0.1:1,connectTimeout=500", RedisTest.NewPrefix()), database);
        var (a, aToken) = await hosts.HttpA.RegisterAsync();
        var (b, bToken) = await hosts.HttpB.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];

        for (var i = 0; i < 3; i++) Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(0, (await hosts.HttpA.LikeAsync(aToken, video, 1)).Status());
        Assert.Equal(1, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(1, await FavoriteCountAsync(hosts.HttpA, video));
        Assert.Equal(0, (await SendAsync(hosts.HttpA, aToken, b, "no redis")).Status());
        var chat = await hosts.HttpB.GetJsonAsync($"/douyin/message/chat/?token={bToken}&to_user_id={a}");
        Assert.Equal("no redis", chat.GetProperty("message_list")[0].GetProperty("content").GetString());
        var comment = await hosts.HttpB.PostFormAsync("/douyin/comment/action/",
            ("token", bToken), ("video_id", video.ToString()), ("action_type", "1"), ("comment_text", "still fine"));
        Assert.Equal(0, comment.Status());
    }

    [RedisFact]
    public async Task Pushes_resume_after_Redis_restarts_and_no_request_fails_meanwhile()
    {
        // About the Redis connection, not the database: on the embedded default only.
        OwnRedisServer.Require();
        using var server = new OwnRedisServer();
        await server.StartAsync();
        using var hosts = new TwoHosts(RedisTest.Settings(server.Configuration, RedisTest.NewPrefix()));
        var (_, aToken) = await hosts.HttpA.RegisterAsync();
        var (b, bToken) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];
        await using var onB = HubClients.Build(hosts.B, LiveSetup.ChatPath, bToken);
        var inbox = onB.Record<LiveMessage>(LiveEvents.Message);
        var after = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.On<LiveMessage>(LiveEvents.Message, m => { if (m.Content.StartsWith("after ")) after.TrySetResult(m.Content); });
        await onB.StartedAsync();
        Assert.Equal(0, (await SendAsync(hosts.HttpA, aToken, b, "before")).Status());
        Assert.Equal("before", (await inbox.NextAsync()).Content);

        server.Stop();
        Assert.Equal(0, (await SendAsync(hosts.HttpA, aToken, b, "during")).Status());
        Assert.Equal(0, (await hosts.HttpA.LikeAsync(aToken, video, 1)).Status());
        Assert.Equal(1, await FavoriteCountAsync(hosts.HttpB, video));
        Assert.Equal(200, (int)(await hosts.HttpB.GetAsync("/readyz")).StatusCode); // Degraded, still ready

        await server.StartAsync();
        // The backplane reconnects and resubscribes by itself; keep sending until a push gets through.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (var n = 0; !after.Task.IsCompleted && DateTime.UtcNow < deadline; n++)
        {
            Assert.Equal(0, (await SendAsync(hosts.HttpA, aToken, b, "after " + n)).Status());
            await Task.WhenAny(after.Task, Task.Delay(1000));
        }
        Assert.True(after.Task.IsCompleted, "no push reached host B's client within 30 s of Redis restarting");
        Assert.Equal(0, (await hosts.HttpA.LikeAsync(aToken, video, 2)).Status());
        Assert.Equal(0, await FavoriteCountAsync(hosts.HttpB, video));
    }
}
