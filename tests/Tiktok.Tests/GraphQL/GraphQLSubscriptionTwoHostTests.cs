using Microsoft.Extensions.DependencyInjection;
using Tiktok.Schema.Subscriptions;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.GraphQL;

/// <summary>Two instances sharing one database and one Redis: events committed on A reach subscribers on B, once.</summary>
public sealed class GraphQLSubscriptionTwoHostTests
{
    private static async Task LiveAsync(TiktokFactory host, int count)
    {
        var broker = host.Services.GetRequiredService<LiveEventBroker>();
        for (var i = 0; i < 200 && broker.SubscriberCount < count; i++) await Task.Delay(25);
        Assert.Equal(count, broker.SubscriberCount);
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_like_and_a_message_committed_on_host_A_reach_subscribers_on_host_B_once(string database)
    {
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var (a, aToken) = await hosts.HttpA.RegisterAsync();
        var (b, bToken) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];
        await Task.Delay(500); // B's Redis subscription is made in the background at start-up

        await using var onB = await GraphQLWsClient.ReadyAsync(hosts.B, bToken);
        await onB.SubscribeAsync("c", "subscription($v: ID!) { videoCounts(videoId: $v) { favoriteCount } }", new { v = video.ToString() });
        await onB.SubscribeAsync("m", "subscription { messages { fromUserId content } }");
        await using var onA = await GraphQLWsClient.ReadyAsync(hosts.A, aToken);
        await onA.SubscribeAsync("m", "subscription { messages { toUserId content } }");
        await LiveAsync(hosts.B, 2);
        await LiveAsync(hosts.A, 1);

        Assert.Equal(0, (await hosts.HttpA.LikeAsync(aToken, video, 1)).Status());
        Assert.Equal(1, (await onB.DataAsync("c", "videoCounts")).GetProperty("favoriteCount").GetInt64());

        Assert.Equal(0, (await hosts.HttpA.PostFormAsync("/douyin/message/action/",
            ("token", aToken), ("to_user_id", b.ToString()), ("action_type", "1"), ("content", "across"))).Status());
        var received = await onB.DataAsync("m", "messages");
        Assert.Equal((a.ToString(), "across"), (received.GetProperty("fromUserId").GetString(), received.GetProperty("content").GetString()));
        var sent = await onA.DataAsync("m", "messages");
        Assert.Equal(b.ToString(), sent.GetProperty("toUserId").GetString());

        await onB.AssertNothingAsync(); // once, not once per instance
        await onA.AssertNothingAsync();
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_notification_committed_on_host_A_reaches_its_recipients_sockets_on_host_B_once(string database)
    {
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var (star, starToken) = await hosts.HttpA.RegisterAsync();
        var (_, fanToken) = await hosts.HttpA.RegisterAsync();
        await Task.Delay(500); // B's Redis subscription is made in the background at start-up

        await using var onB = await GraphQLWsClient.ReadyAsync(hosts.B, starToken);
        await onB.SubscribeAsync("n", "subscription { notificationEvents { kind unreadCount notification { kind actorCount } } }");
        await LiveAsync(hosts.B, 1);

        await hosts.HttpA.DataAsync("mutation($u: ID!) { follow(userId: $u) { id } }", new { u = star.ToString() }, fanToken);
        var added = await onB.DataAsync("n", "notificationEvents");
        Assert.Equal(("ADDED", "FOLLOW"), (added.GetProperty("kind").GetString(), added.GetProperty("notification").GetProperty("kind").GetString()));
        var count = await onB.DataAsync("n", "notificationEvents");
        Assert.Equal(1, count.GetProperty("unreadCount").GetInt64());
        await onB.AssertNothingAsync();
    }
}
