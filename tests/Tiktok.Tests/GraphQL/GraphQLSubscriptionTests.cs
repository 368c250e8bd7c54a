using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Schema.Subscriptions;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// GraphQL subscriptions over graphql-transport-ws through the real host: the protocol's rules,
/// and counts, comments and chat messages received once each after commit, on SQLite and PostgreSQL.
/// </summary>
public abstract class GraphQLSubscriptionTests(SubscriptionFixture f)
{
    public sealed class Sqlite(SubscriptionFixture.Sqlite f) : GraphQLSubscriptionTests(f), IClassFixture<SubscriptionFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(SubscriptionFixture.Postgres f) : GraphQLSubscriptionTests(f), IClassFixture<SubscriptionFixture.Postgres>;

    private const string CountsQuery = "subscription($v: ID!) { videoCounts(videoId: $v) { videoId favoriteCount commentCount } }";
    private const string CommentsQuery = "subscription($v: ID!) { commentEvents(videoId: $v) { kind videoId commentId comment { id content user { id name } } } }";
    private const string MessagesQuery = "subscription { messages { id fromUserId toUserId content from { id } } }";

    private async Task<long> VideoAsync()
    {
        var author = (await f.Factory.UsersAsync(1))[0];
        return (await f.Factory.VideosAsync(author, 1))[0];
    }

    private int Subscribers => f.Factory.Services.GetRequiredService<LiveEventBroker>().SubscriberCount;

    /// <summary>Waits until <paramref name="count"/> subscriptions more than <paramref name="before"/> are live on the host.</summary>
    private async Task LiveAsync(int before, int count)
    {
        for (var i = 0; i < 200 && Subscribers < before + count; i++) await Task.Delay(25);
        Assert.True(Subscribers >= before + count, $"{Subscribers - before} of {count} subscriptions became live");
    }

    private static string Type(JsonElement message) => message.GetProperty("type").GetString()!;

    [DatabaseFact]
    public async Task The_server_acknowledges_connection_init_and_answers_pings_and_takes_pongs()
    {
        await using var client = await GraphQLWsClient.ConnectAsync(f.Factory);
        Assert.Equal("graphql-transport-ws", client.Subprotocol);
        await client.SendAsync(new { type = "ping" }); // allowed before the ack
        Assert.Equal("pong", Type(await client.NextAsync()));
        await client.SendAsync(new { type = "connection_init", payload = new { } });
        Assert.Equal("connection_ack", Type(await client.NextAsync()));
        await client.SendAsync(new { type = "pong" });
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });
        Assert.Equal("pong", Type(await client.NextAsync()));
        await client.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_socket_without_connection_init_is_closed_with_4408()
    {
        await using var client = await GraphQLWsClient.ConnectAsync(f.Factory);
        Assert.Equal(4408, await client.ClosedAsync());
    }

    [DatabaseFact]
    public async Task Subscribe_before_the_ack_is_closed_with_4401()
    {
        await using var client = await GraphQLWsClient.ConnectAsync(f.Factory);
        await client.SubscribeAsync("1", "{ feed { edges { node { id } } } }");
        Assert.Equal(4401, await client.ClosedAsync());
    }

    [DatabaseFact]
    public async Task A_second_subscribe_with_an_id_in_use_is_closed_with_4409()
    {
        var video = await VideoAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        await client.SubscribeAsync("same", CountsQuery, new { v = video.ToString() });
        await client.SubscribeAsync("same", CountsQuery, new { v = video.ToString() });
        Assert.Equal(4409, await client.ClosedAsync());
        Assert.Contains("same", client.CloseReason);
    }

    [DatabaseFact]
    public async Task A_bad_token_is_closed_with_4403_and_a_second_init_with_4429()
    {
        await using (var client = await GraphQLWsClient.ConnectAsync(f.Factory))
        {
            await client.SendAsync(new { type = "connection_init", payload = new { token = "not-a-token" } });
            Assert.Equal(4403, await client.ClosedAsync());
        }
        await using (var client = await GraphQLWsClient.ConnectAsync(f.Factory))
        {
            await client.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not.a.token" } });
            Assert.Equal(4403, await client.ClosedAsync());
        }
        var (_, token) = await f.Http.RegisterAsync();
        await using (var client = await GraphQLWsClient.ReadyAsync(f.Factory, token))
        {
            await client.SendAsync(new { type = "connection_init", payload = new { token } });
            Assert.Equal(4429, await client.ClosedAsync());
        }
    }

    [DatabaseFact]
    public async Task A_malformed_or_unknown_message_is_closed_with_4400()
    {
        string[] messages =
        [
            "not json",
            """{"type":"unknown"}""",
            """{"id":"1"}""",
            """{"type":"subscribe","id":"1"}""",
            """{"type":"subscribe","id":"","payload":{"query":"{ feed { edges { cursor } } }"}}""",
            """{"type":"complete"}""",
        ];
        foreach (var message in messages)
        {
            await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
            await client.SendTextAsync(message);
            Assert.True(await client.ClosedAsync() == 4400, $"{message} was not closed with 4400");
        }
    }

    [DatabaseFact]
    public async Task A_message_over_the_size_limit_is_closed_with_1009()
    {
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        await client.SubscribeAsync("big", "{ feed { edges { cursor } } }" + new string(' ', 70 * 1024));
        Assert.Equal(1009, await client.ClosedAsync());
    }

    [DatabaseFact]
    public async Task A_query_over_the_socket_answers_once_then_completes_and_validation_errors_are_an_error_message()
    {
        var video = await VideoAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        await client.SubscribeAsync("q", "query($v: ID!) { video(id: $v) { id favoriteCount } }", new { v = video.ToString() });
        Assert.Equal(video.ToString(), (await client.DataAsync("q", "video")).GetProperty("id").GetString());
        var complete = await client.NextAsync();
        Assert.Equal(("complete", "q"), (Type(complete), complete.GetProperty("id").GetString()));

        await client.SubscribeAsync("bad", "subscription { noSuchField }");
        var error = await client.NextAsync();
        Assert.Equal(("error", "bad"), (Type(error), error.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Array, error.GetProperty("payload").ValueKind);
        await client.AssertNothingAsync(); // no complete after an error
    }

    [DatabaseFact]
    public async Task More_operations_than_the_limit_are_refused_with_an_error_and_the_socket_stays()
    {
        var video = await VideoAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        var before = Subscribers;
        for (var i = 0; i < 3; i++) await client.SubscribeAsync("s" + i, CountsQuery, new { v = video.ToString() });
        await LiveAsync(before, 3);
        await client.SubscribeAsync("s3", CountsQuery, new { v = video.ToString() });
        var refused = await client.NextAsync();
        Assert.Equal(("error", "s3"), (Type(refused), refused.GetProperty("id").GetString()));
        Assert.Equal("OUT_OF_RANGE", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        await client.SendAsync(new { id = "s0", type = "complete" });
        for (var i = 0; i < 200 && Subscribers > before + 2; i++) await Task.Delay(25);
        await client.SubscribeAsync("s4", CountsQuery, new { v = video.ToString() });
        await LiveAsync(before, 3);
        var (_, token) = await f.Http.RegisterAsync();
        Assert.Equal(0, (await f.Http.LikeAsync(token, video, 1)).Status());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await client.NextAsync()).GetProperty("id").GetString()!);
        Assert.Equal(["s1", "s2", "s4"], ids.Order());
        await client.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_REST_like_reaches_a_counts_subscriber_once_and_a_completed_one_not_at_all()
    {
        var video = await VideoAsync();
        var (_, token) = await f.Http.RegisterAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        var before = Subscribers;
        await client.SubscribeAsync("c", CountsQuery, new { v = video.ToString() });
        await LiveAsync(before, 1);

        Assert.Equal(0, (await f.Http.LikeAsync(token, video, 1)).Status());
        var counts = await client.DataAsync("c", "videoCounts");
        Assert.Equal((video.ToString(), 1L, 0L),
            (counts.GetProperty("videoId").GetString(), counts.GetProperty("favoriteCount").GetInt64(), counts.GetProperty("commentCount").GetInt64()));
        await client.AssertNothingAsync();

        // A refused action (a like of a missing video) and a repeated like (no change) commit nothing new.
        Assert.NotEqual(0, (await f.Http.LikeAsync(token, video + 1000, 1)).Status());
        await client.AssertNothingAsync();

        await client.SendAsync(new { id = "c", type = "complete" });
        for (var i = 0; i < 200 && Subscribers > before; i++) await Task.Delay(25);
        Assert.Equal(0, (await f.Http.LikeAsync(token, video, 2)).Status());
        await client.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_REST_comment_and_its_deletion_reach_a_comment_subscriber_with_the_author()
    {
        var video = await VideoAsync();
        var (commenter, token) = await f.Http.RegisterAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        var before = Subscribers;
        await client.SubscribeAsync("e", CommentsQuery, new { v = video.ToString() });
        await LiveAsync(before, 1);

        var answer = await f.Http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
            ("action_type", "1"), ("comment_text", "first!"));
        var commentId = answer.GetProperty("comment").GetProperty("id").GetInt64();
        var added = await client.DataAsync("e", "commentEvents");
        Assert.Equal("ADDED", added.GetProperty("kind").GetString());
        Assert.Equal(commentId.ToString(), added.GetProperty("commentId").GetString());
        var comment = added.GetProperty("comment");
        Assert.Equal("first!", comment.GetProperty("content").GetString());
        Assert.Equal(commenter.ToString(), comment.GetProperty("user").GetProperty("id").GetString());

        await f.Http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
            ("action_type", "2"), ("comment_id", commentId.ToString()));
        var deleted = await client.DataAsync("e", "commentEvents");
        Assert.Equal(("DELETED", commentId.ToString()), (deleted.GetProperty("kind").GetString(), deleted.GetProperty("commentId").GetString()));
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("comment").ValueKind);
        await client.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_comment_subscriber_is_not_sent_the_comments_of_a_user_they_blocked_nor_anything_on_that_users_video()
    {
        var (_, viewerToken) = await f.Http.RegisterAsync();
        var (blocked, blockedToken) = await f.Http.RegisterAsync();
        var (_, otherToken) = await f.Http.RegisterAsync();
        var video = await VideoAsync();
        var blockedsVideo = (await f.Factory.VideosAsync(blocked, 1))[0];
        await f.Http.DataAsync("mutation($u: ID!) { blockUser(userId: $u) { id } }", new { u = blocked.ToString() }, viewerToken);
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory, viewerToken);
        var before = Subscribers;
        await client.SubscribeAsync("e", CommentsQuery, new { v = video.ToString() });
        await client.SubscribeAsync("b", CommentsQuery, new { v = blockedsVideo.ToString() });
        await LiveAsync(before, 2);

        Assert.Equal(0, (await f.Http.PostFormAsync("/douyin/comment/action/", ("token", blockedToken), ("video_id", video.ToString()),
            ("action_type", "1"), ("comment_text", "from the blocked"))).Status());
        Assert.Equal(0, (await f.Http.PostFormAsync("/douyin/comment/action/", ("token", otherToken), ("video_id", blockedsVideo.ToString()),
            ("action_type", "1"), ("comment_text", "on the blocked's video"))).Status());
        Assert.Equal(0, (await f.Http.PostFormAsync("/douyin/comment/action/", ("token", otherToken), ("video_id", video.ToString()),
            ("action_type", "1"), ("comment_text", "from another"))).Status());
        var added = await client.DataAsync("e", "commentEvents");
        Assert.Equal("from another", added.GetProperty("comment").GetProperty("content").GetString());
        await client.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task Chat_messages_sent_by_REST_GraphQL_and_the_hub_reach_both_users_once_each_on_every_device()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        await using var aPhone = await GraphQLWsClient.ReadyAsync(f.Factory, aToken);
        await using var aLaptop = await GraphQLWsClient.ReadyAsync(f.Factory, aToken);
        await using var bPhone = await GraphQLWsClient.ReadyAsync(f.Factory, bToken);
        var before = Subscribers;
        foreach (var c in new[] { aPhone, aLaptop, bPhone }) await c.SubscribeAsync("m", MessagesQuery);
        await LiveAsync(before, 3);

        Assert.Equal(0, (await f.Http.PostFormAsync("/douyin/message/action/",
            ("token", aToken), ("to_user_id", b.ToString()), ("action_type", "1"), ("content", "by REST"))).Status());
        await f.Http.DataAsync("mutation($to: ID!) { sendMessage(toUserId: $to, content: \"by GraphQL\") { id } }", new { to = b.ToString() }, aToken);
        await using (var hub = HubClients.Build(f.Factory, LiveSetup.ChatPath, bToken))
        {
            await hub.StartedAsync();
            await hub.InvokeAsync<LiveMessage>("SendMessage", a, "by the hub");
        }

        foreach (var client in new[] { aPhone, aLaptop, bPhone })
        {
            var got = new List<(string, string, string)>();
            for (var i = 0; i < 3; i++)
            {
                var m = await client.DataAsync("m", "messages");
                got.Add((m.GetProperty("fromUserId").GetString()!, m.GetProperty("toUserId").GetString()!, m.GetProperty("content").GetString()!));
                Assert.Equal(m.GetProperty("fromUserId").GetString(), m.GetProperty("from").GetProperty("id").GetString());
            }
            Assert.Equal([(a + "", b + "", "by REST"), (a + "", b + "", "by GraphQL"), (b + "", a + "", "by the hub")], got);
            await client.AssertNothingAsync();
        }

        // A refused message (to oneself) reaches no one.
        Assert.NotEqual(0, (await f.Http.PostFormAsync("/douyin/message/action/",
            ("token", aToken), ("to_user_id", a.ToString()), ("action_type", "1"), ("content", "me"))).Status());
        await aPhone.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task Messages_without_a_token_answer_TOKEN_MISSING_and_complete()
    {
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        await client.SubscribeAsync("m", MessagesQuery);
        var next = await client.NextAsync();
        Assert.Equal("next", Type(next));
        Assert.Equal("TOKEN_MISSING", next.GetProperty("payload").ErrorCode());
        Assert.Equal("complete", Type(await client.NextAsync()));
    }

    [DatabaseFact]
    public async Task Another_subprotocol_is_closed_with_4406()
    {
        await using var client = await GraphQLWsClient.ConnectAsync(f.Factory, "graphql-ws");
        Assert.Equal(4406, await client.ClosedAsync());
    }

    [DatabaseFact]
    public async Task A_subscription_over_HTTP_is_refused()
    {
        var video = await VideoAsync();
        var (_, body) = await f.Http.GraphQLAsync(CountsQuery, new { v = video.ToString() });
        Assert.Equal("INVALID_VALUE", body.ErrorCode());
    }

    [DatabaseFact]
    public async Task A_connection_is_closed_with_4403_when_its_token_expires()
    {
        using var shortLived = new TiktokFactory(settings: new() { ["Tiktok:TokenLifetime"] = "00:00:02" });
        var (_, token) = await shortLived.CreateClient().RegisterAsync();
        await using var client = await GraphQLWsClient.ReadyAsync(shortLived, token);
        await client.SubscribeAsync("m", MessagesQuery);
        Assert.Equal(4403, await client.ClosedAsync());
        Assert.Contains("expired", client.CloseReason);
        shortLived.DeleteData();
    }
}
