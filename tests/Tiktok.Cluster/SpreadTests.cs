using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Tiktok.Cluster;

/// <summary>REST, GraphQL and SignalR with the clients spread over both instances and nginx.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SpreadTests(ClusterFixture cluster)
{
    [ClusterFact]
    public async Task Clients_on_both_instances_and_behind_nginx_see_each_others_writes()
    {
        var one = new Api(cluster.InstanceUrl(1));
        var two = new Api(cluster.InstanceUrl(2));
        var alice = await one.RegisterAsync("alice");
        var bob = await one.RegisterAsync("bob");
        bob = await two.LoginAsync(bob);      // a token made by instance 2 works everywhere (one signing key)

        // Chat: bob has a client on each instance and one through nginx.
        await using var onOne = Hubs.Build(cluster.InstanceUrl(1), "/hubs/chat", bob.Token);
        await using var onTwo = Hubs.Build(cluster.InstanceUrl(2), "/hubs/chat", bob.Token);
        await using var viaLb = Hubs.Build(cluster.LbUrl, "/hubs/chat", bob.Token);
        var inboxes = new[] { onOne.Record("message"), onTwo.Record("message"), viaLb.Record("message") };
        await Task.WhenAll(onOne.StartedAsync(), onTwo.StartedAsync(), viaLb.StartedAsync());

        var sent = await one.SendMessage(alice, bob.Id, "hello across the cluster");
        Assert.True(sent.Ok, sent.ToString());
        foreach (var (inbox, where) in inboxes.Zip(new[] { "instance 1", "instance 2", "nginx" }))
        {
            var push = await inbox.NextAsync();
            Assert.Equal((alice.Id, bob.Id, "hello across the cluster"),
                (push.GetProperty("from_user_id").GetInt64(), push.GetProperty("to_user_id").GetInt64(), push.GetProperty("content").GetString()));
            Assert.True(push.GetProperty("create_time").GetInt64() > 0, where);
        }
        foreach (var inbox in inboxes) Assert.Empty(await inbox.DrainAsync(TimeSpan.FromMilliseconds(400))); // exactly once

        // Videos: a GraphQL like through instance 2 reaches a watcher on instance 1.
        var video = await one.PublishAsync(alice);
        await using var watcher = Hubs.Build(cluster.InstanceUrl(1), "/hubs/videos", null);
        var counts = watcher.Record("counts");
        await watcher.StartedAsync();
        var now = await watcher.InvokeAsync<JsonElement>("Watch", video);
        Assert.Equal(0, now.GetProperty("favorite_count").GetInt64());

        var liked = await two.GraphQL(bob.Token, "mutation($v: ID!) { likeVideo(videoId: $v) { favoriteCount isFavorite } }", new { v = video.ToString() });
        Assert.True(liked.Http == 200 && !liked.Body.TryGetProperty("errors", out _), liked.ToString());
        Assert.Equal(1, liked.Body.GetProperty("data").GetProperty("likeVideo").GetProperty("favoriteCount").GetInt64());
        var pushed = await counts.WaitForAsync(c => c.GetProperty("video_id").GetInt64() == video && c.GetProperty("favorite_count").GetInt64() == 1,
            Hubs.PushTimeout);
        Assert.True(pushed is not null, "no counts push with favorite_count 1 on instance 1's watcher");

        // A REST like through instance 1 is in instance 2's GraphQL feed as soon as instance 1 answered.
        var rest = await one.Like(alice, video);
        Assert.True(rest.Ok, rest.ToString());
        var feed = await two.GraphQL(alice.Token, "{ feed(first: 30) { nodes { id favoriteCount isFavorite } } }");
        Assert.True(feed.Http == 200 && !feed.Body.TryGetProperty("errors", out _), feed.ToString());
        var node = feed.Body.GetProperty("data").GetProperty("feed").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("id").ToString() == video.ToString());
        Assert.Equal(2, node.GetProperty("favoriteCount").GetInt64());
        Assert.True(node.GetProperty("isFavorite").GetBoolean());
    }
}
