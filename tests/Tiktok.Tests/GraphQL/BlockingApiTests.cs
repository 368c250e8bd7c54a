using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// Blocking through every front (GraphQL, REST compat, the chat hub) on SQLite and PostgreSQL: the
/// mutations and their authorization, the refusals, and reads that leave blocked users out while
/// the REST shapes stay the contract's.
/// </summary>
public abstract class BlockingApiTests : IDisposable
{
    public sealed class Sqlite() : BlockingApiTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : BlockingApiTests(TestDatabases.Postgres);

    private readonly TiktokFactory _f;
    private readonly HttpClient _http;

    private BlockingApiTests(string database)
    {
        _f = new TiktokFactory(database: database);
        _http = _f.CreateClient();
    }

    public void Dispose()
    {
        _f.Dispose();
        _f.DeleteData();
    }

    private const string UserFields = "id isBlocked isFollow followCount followerCount";

    [DatabaseFact]
    public async Task Block_and_unblock_by_GraphQL_end_the_follows_list_the_blocked_and_are_the_viewers_own()
    {
        var (a, aToken) = await _http.RegisterAsync();
        var (b, bToken) = await _http.RegisterAsync();
        var (c, cToken) = await _http.RegisterAsync();
        await _http.DataAsync($"mutation {{ follow(userId: {b}) {{ id }} }}", token: aToken);
        await _http.DataAsync($"mutation {{ follow(userId: {a}) {{ id }} }}", token: bToken);

        var blocked = (await _http.DataAsync($"mutation {{ blockUser(userId: {b}) {{ {UserFields} }} }}", token: aToken)).GetProperty("blockUser");
        Assert.True(blocked.GetProperty("isBlocked").GetBoolean());
        Assert.False(blocked.GetProperty("isFollow").GetBoolean());
        Assert.Equal((0, 0), (blocked.GetProperty("followCount").GetInt64(), blocked.GetProperty("followerCount").GetInt64()));
        await _http.DataAsync($"mutation {{ blockUser(userId: {b}) {{ id }} }}", token: aToken); // idempotent
        await _http.DataAsync($"mutation {{ blockUser(userId: {c}) {{ id }} }}", token: aToken);

        var mine = await _http.DataAsync($$"""
            { blockedUsers(first: 1) { nodes { id isBlocked } pageInfo { hasNextPage endCursor } }
              me { followCount followerCount } b: user(id: {{b}}) { isBlocked } }
            """, token: aToken);
        var page = mine.GetProperty("blockedUsers");
        Assert.Equal(c.ToString(CultureInfo.InvariantCulture), page.GetProperty("nodes")[0].GetProperty("id").GetString()); // most recent first
        Assert.True(page.GetProperty("nodes")[0].GetProperty("isBlocked").GetBoolean());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var next = await _http.DataAsync("query($after: String) { blockedUsers(first: 5, after: $after) { nodes { id } pageInfo { hasNextPage } } }",
            new { after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, aToken);
        Assert.Equal([b.ToString(CultureInfo.InvariantCulture)], next.GetProperty("blockedUsers").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(0, mine.GetProperty("me").GetProperty("followCount").GetInt64());
        Assert.Equal(0, mine.GetProperty("me").GetProperty("followerCount").GetInt64());

        // Each viewer's own: b's list is empty, b sees a as not blocked by b, and b cannot lift a's block.
        var theirs = await _http.DataAsync($"{{ blockedUsers {{ nodes {{ id }} }} a: user(id: {a}) {{ isBlocked }} }}", token: bToken);
        Assert.Empty(theirs.GetProperty("blockedUsers").GetProperty("nodes").EnumerateArray());
        Assert.False(theirs.GetProperty("a").GetProperty("isBlocked").GetBoolean());
        await _http.DataAsync($"mutation {{ unblockUser(userId: {a}) {{ id }} }}", token: bToken); // b has no block of a: nothing happens
        await _http.DataAsync($"mutation {{ unblockUser(userId: {b}) {{ id }} }}", token: cToken); // c has no block of b: nothing happens
        var (_, refused) = await _http.GraphQLAsync($"mutation {{ follow(userId: {a}) {{ id }} }}", token: bToken);
        Assert.Equal("BLOCKED", refused.ErrorCode());
        Assert.Equal(4007, refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
        Assert.Equal($"user {a} has blocked you: you cannot follow them", refused.GetProperty("errors")[0].GetProperty("message").GetString());
        var (_, own) = await _http.GraphQLAsync($"mutation {{ follow(userId: {b}) {{ id }} }}", token: aToken);
        Assert.Equal($"you have blocked user {b}: unblock them before you follow them", own.GetProperty("errors")[0].GetProperty("message").GetString());

        // Anonymous requests are refused and change nothing; nobody blocks themselves.
        foreach (var anonymous in new[] { $"mutation {{ blockUser(userId: {b}) {{ id }} }}", $"mutation {{ unblockUser(userId: {b}) {{ id }} }}", "{ blockedUsers { nodes { id } } }" })
            Assert.Equal("TOKEN_MISSING", (await _http.GraphQLAsync(anonymous)).Body.ErrorCode());
        Assert.False((await _http.DataAsync($"{{ user(id: {b}) {{ isBlocked }} }}")).GetProperty("user").GetProperty("isBlocked").GetBoolean());
        Assert.Equal("CANNOT_BLOCK_SELF", (await _http.GraphQLAsync($"mutation {{ blockUser(userId: {a}) {{ id }} }}", token: aToken)).Body.ErrorCode());
        Assert.Equal("USER_NOT_FOUND", (await _http.GraphQLAsync("mutation { blockUser(userId: 999999) { id } }", token: aToken)).Body.ErrorCode());
        Assert.Equal(2, (await _http.DataAsync("{ blockedUsers { nodes { id } } }", token: aToken)).GetProperty("blockedUsers").GetProperty("nodes").GetArrayLength());

        var unblocked = (await _http.DataAsync($"mutation {{ unblockUser(userId: {b}) {{ {UserFields} }} }}", token: aToken)).GetProperty("unblockUser");
        Assert.False(unblocked.GetProperty("isBlocked").GetBoolean());
        Assert.False(unblocked.GetProperty("isFollow").GetBoolean()); // the old follow is not restored
        await _http.DataAsync($"mutation {{ follow(userId: {a}) {{ id }} }}", token: bToken);
    }

    [DatabaseFact]
    public async Task REST_and_the_chat_hub_refuse_with_the_contracts_shape_and_REST_reads_leave_blocked_users_out()
    {
        var (a, aToken) = await _http.RegisterAsync();
        var (b, bToken) = await _http.RegisterAsync();
        var (c, _) = await _http.RegisterAsync();
        var aVideo = (await _f.VideosAsync(a, 1))[0];
        var bVideo = (await _f.VideosAsync(b, 1))[0];
        var cVideo = (await _f.VideosAsync(c, 1))[0];
        var bComment = await _http.PostFormAsync("/douyin/comment/action/", ("token", bToken), ("video_id", cVideo.ToString(CultureInfo.InvariantCulture)),
            ("action_type", "1"), ("comment_text", "b was here"));
        Assert.Equal(0, bComment.Status());
        Assert.Equal(0, (await _http.PostFormAsync("/douyin/relation/action/", ("token", bToken), ("to_user_id", c.ToString(CultureInfo.InvariantCulture)), ("action_type", "1"))).Status());
        await _http.DataAsync($"mutation {{ blockUser(userId: {b}) {{ id }} }}", token: aToken);

        var follow = await _http.PostFormAsync("/douyin/relation/action/", ("token", bToken), ("to_user_id", a.ToString(CultureInfo.InvariantCulture)), ("action_type", "1"));
        Assert.Equal(4007, follow.Status());
        Assert.Equal($"user {a} has blocked you: you cannot follow them", follow.GetProperty("status_msg").GetString());
        var message = await _http.PostFormAsync("/douyin/message/action/", ("token", bToken), ("to_user_id", a.ToString(CultureInfo.InvariantCulture)),
            ("action_type", "1"), ("content", "hello?"));
        Assert.Equal(4007, message.Status());
        var comment = await _http.PostFormAsync("/douyin/comment/action/", ("token", bToken), ("video_id", aVideo.ToString(CultureInfo.InvariantCulture)),
            ("action_type", "1"), ("comment_text", "let me in"));
        Assert.Equal(4007, comment.Status());
        Assert.Equal($"user {a} has blocked you: you cannot comment on their videos", comment.GetProperty("status_msg").GetString());

        await using (var chat = await HubClients.Build(_f, LiveSetup.ChatPath, bToken).StartedAsync())
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => chat.InvokeAsync<LiveMessage>("SendMessage", a, "hub hello"));
            Assert.EndsWith($"4007: user {a} has blocked you: you cannot send them a message", refused.Message);
        }

        // REST reads: a's feed, c's comments and c's followers as a sees them leave b out; the shapes are the contract's.
        var feed = await _http.GetJsonAsync("/douyin/feed/?token=" + aToken);
        Assert.Equal(0, feed.Status());
        var ids = feed.GetProperty("video_list").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([cVideo, aVideo], ids);
        Assert.True(feed.TryGetProperty("next_time", out _));
        var cFeed = await _http.GetJsonAsync("/douyin/feed/");
        Assert.Equal([cVideo, bVideo, aVideo], cFeed.GetProperty("video_list").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()));
        var bFeed = await _http.GetJsonAsync("/douyin/feed/?token=" + bToken);
        Assert.Equal([cVideo, bVideo], bFeed.GetProperty("video_list").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()));

        var comments = await _http.GetJsonAsync($"/douyin/comment/list/?token={aToken}&video_id={cVideo}");
        Assert.Equal(0, comments.Status());
        Assert.Empty(comments.GetProperty("comment_list").EnumerateArray());
        Assert.Single((await _http.GetJsonAsync($"/douyin/comment/list/?video_id={cVideo}")).GetProperty("comment_list").EnumerateArray());
        var followers = await _http.GetJsonAsync($"/douyin/relation/follower/list/?token={aToken}&user_id={c}");
        Assert.Empty(followers.GetProperty("user_list").EnumerateArray());
        var works = await _http.GetJsonAsync($"/douyin/publish/list/?token={aToken}&user_id={b}");
        Assert.Equal(0, works.Status());
        Assert.Empty(works.GetProperty("video_list").EnumerateArray());

        // GraphQL reads agree.
        var graph = await _http.DataAsync($$"""
            { feed(first: 10) { nodes { id } } video(id: {{cVideo}}) { comments(first: 5) { nodes { id } } }
              c: user(id: {{c}}) { followers { nodes { id } } } b: user(id: {{b}}) { videos { nodes { id } } } }
            """, token: aToken);
        Assert.Equal([cVideo.ToString(CultureInfo.InvariantCulture), aVideo.ToString(CultureInfo.InvariantCulture)],
            graph.GetProperty("feed").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Empty(graph.GetProperty("video").GetProperty("comments").GetProperty("nodes").EnumerateArray());
        Assert.Empty(graph.GetProperty("c").GetProperty("followers").GetProperty("nodes").EnumerateArray());
        Assert.Empty(graph.GetProperty("b").GetProperty("videos").GetProperty("nodes").EnumerateArray());

        await _http.DataAsync($"mutation {{ unblockUser(userId: {b}) {{ id }} }}", token: aToken);
        Assert.Equal(3, (await _http.GetJsonAsync("/douyin/feed/?token=" + aToken)).GetProperty("video_list").GetArrayLength());
        Assert.Equal(0, (await _http.PostFormAsync("/douyin/comment/action/", ("token", bToken), ("video_id", aVideo.ToString(CultureInfo.InvariantCulture)),
            ("action_type", "1"), ("comment_text", "thanks"))).Status());
    }

    [DatabaseFact]
    public async Task A_block_withdraws_the_blocked_users_follow_notification_and_their_likes_notify_nobody_until_unblocked()
    {
        var (a, aToken) = await _http.RegisterAsync();
        var (b, bToken) = await _http.RegisterAsync();
        var video = (await _f.VideosAsync(a, 1))[0];
        await _http.DataAsync($"mutation {{ follow(userId: {a}) {{ id }} }}", token: bToken);
        Assert.Equal(1, await UnreadAsync(aToken));

        await _http.DataAsync($"mutation {{ blockUser(userId: {b}) {{ id }} }}", token: aToken);
        Assert.Equal(0, await UnreadAsync(aToken)); // the follow it ended took its notification along
        Assert.Equal(0, (await _http.LikeAsync(bToken, video, 1)).Status()); // likes are not refused...
        Assert.Equal(0, await UnreadAsync(aToken)); // ...but tell the blocker nothing
        Assert.Empty((await _http.DataAsync("{ notifications { nodes { kind } } }", token: aToken)).GetProperty("notifications").GetProperty("nodes").EnumerateArray());
        Assert.Equal(0, (await _http.LikeAsync(bToken, video, 2)).Status()); // the unlike withdraws nothing that was not there

        await _http.DataAsync($"mutation {{ unblockUser(userId: {b}) {{ id }} }}", token: aToken);
        Assert.Equal(0, (await _http.LikeAsync(bToken, video, 1)).Status());
        Assert.Equal(1, await UnreadAsync(aToken));
    }

    private async Task<long> UnreadAsync(string token) =>
        (await _http.DataAsync("{ unreadNotificationCount }", token: token)).GetProperty("unreadNotificationCount").GetInt64();
}
