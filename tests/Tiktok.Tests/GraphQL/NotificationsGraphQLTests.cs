using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Schema.Subscriptions;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// Notifications through the real host: the GraphQL fields (only ever the caller's own), the
/// <c>notificationEvents</c> subscription and the <c>/hubs/notifications</c> pushes, once each and
/// only after the commit, on SQLite and PostgreSQL.
/// </summary>
public abstract class NotificationsGraphQLTests(SubscriptionFixture f)
{
    public sealed class Sqlite(SubscriptionFixture.Sqlite f) : NotificationsGraphQLTests(f), IClassFixture<SubscriptionFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(SubscriptionFixture.Postgres f) : NotificationsGraphQLTests(f), IClassFixture<SubscriptionFixture.Postgres>;

    private const string ListQuery = """
        query($first: Int, $after: String) {
          notifications(first: $first, after: $after) {
            edges { cursor node { id kind actorCount commentText read actor { id name } video { id } } }
            pageInfo { hasNextPage endCursor }
          }
          unreadNotificationCount
        }
        """;

    private const string EventsQuery = "subscription { notificationEvents { kind unreadCount notification { id kind actorCount read actor { id } video { id } } } }";

    private int Subscribers => f.Factory.Services.GetRequiredService<LiveEventBroker>().SubscriberCount;

    private async Task LiveAsync(int before, int count)
    {
        for (var i = 0; i < 200 && Subscribers < before + count; i++) await Task.Delay(25);
        Assert.True(Subscribers >= before + count, $"{Subscribers - before} of {count} subscriptions became live");
    }

    private async Task<long> VideoOfAsync(long author) => (await f.Factory.VideosAsync(author, 1))[0];

    private Task Like(string token, long video, bool like = true) =>
        f.Http.DataAsync($"mutation($v: ID!) {{ {(like ? "likeVideo" : "unlikeVideo")}(videoId: $v) {{ id }} }}", new { v = video.ToString() }, token);

    private Task Follow(string token, long user) =>
        f.Http.DataAsync("mutation($u: ID!) { follow(userId: $u) { id } }", new { u = user.ToString() }, token);

    [DatabaseFact]
    public async Task Anonymous_callers_get_TOKEN_MISSING_from_every_notification_field()
    {
        foreach (var query in new[] { "{ notifications { nodes { id } } }", "{ unreadNotificationCount }", "mutation { markNotificationsRead }" })
        {
            var (status, body) = await f.Http.GraphQLAsync(query);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("TOKEN_MISSING", body.ErrorCode());
        }
        await using var client = await GraphQLWsClient.ReadyAsync(f.Factory);
        await client.SubscribeAsync("n", EventsQuery);
        var next = await client.NextAsync();
        Assert.Equal("TOKEN_MISSING", next.GetProperty("payload").ErrorCode());
    }

    [DatabaseFact]
    public async Task The_list_pages_by_cursor_marking_read_stops_at_upTo_and_nobody_sees_or_marks_anothers()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (_, cToken) = await f.Http.RegisterAsync();
        var video = await VideoOfAsync(a);
        await Follow(bToken, a);
        await Like(bToken, video);
        await Like(cToken, video); // joins b's like: one group of 2
        await f.Http.DataAsync("mutation($v: ID!) { addComment(videoId: $v, content: \"<b>hi</b>\") { id } }", new { v = video.ToString() }, cToken);

        var all = await f.Http.DataAsync(ListQuery, new { first = 10 }, aToken);
        Assert.Equal(3, all.GetProperty("unreadNotificationCount").GetInt64());
        var nodes = all.GetProperty("notifications").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        Assert.Equal(["COMMENT", "LIKE", "FOLLOW"], nodes.Select(n => n.GetProperty("kind").GetString()));
        Assert.Equal("<b>hi</b>", nodes[0].GetProperty("commentText").GetString());
        Assert.Equal(2, nodes[1].GetProperty("actorCount").GetInt64());
        Assert.Equal(video.ToString(), nodes[1].GetProperty("video").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[2].GetProperty("video").ValueKind);
        Assert.Equal(b.ToString(), nodes[2].GetProperty("actor").GetProperty("id").GetString());

        // One at a time: each page is the next, none repeated.
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = (await f.Http.DataAsync(ListQuery, new { first = 1, after }, aToken)).GetProperty("notifications");
            ids.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(nodes.Select(n => n.GetProperty("id").GetString()), ids);

        // b cannot read a's notifications (the list is always the caller's) nor mark them with a's cursor.
        var likeCursor = all.GetProperty("notifications").GetProperty("edges")[1].GetProperty("cursor").GetString();
        var ofB = await f.Http.DataAsync(ListQuery, new { first = 10 }, bToken);
        Assert.Empty(ofB.GetProperty("notifications").GetProperty("edges").EnumerateArray());
        await f.Http.DataAsync("mutation($c: String) { markNotificationsRead(upTo: $c) }", new { c = likeCursor }, bToken);
        Assert.Equal(3, (await f.Http.DataAsync("{ unreadNotificationCount }", null, aToken)).GetProperty("unreadNotificationCount").GetInt64());

        // a marks read up to the like: the like and the older follow; the newer comment stays unread.
        var left = await f.Http.DataAsync("mutation($c: String) { markNotificationsRead(upTo: $c) }", new { c = likeCursor }, aToken);
        Assert.Equal(1, left.GetProperty("markNotificationsRead").GetInt64());
        var after2 = (await f.Http.DataAsync(ListQuery, new { first = 10 }, aToken)).GetProperty("notifications").GetProperty("edges");
        Assert.Equal([false, true, true], after2.EnumerateArray().Select(e => e.GetProperty("node").GetProperty("read").GetBoolean()));

        // Bad arguments name themselves.
        var (_, bad) = await f.Http.GraphQLAsync("mutation { markNotificationsRead(upTo: \"nope\") }", null, aToken);
        Assert.Equal("INVALID_VALUE", bad.ErrorCode());
        Assert.Contains("'upTo'", bad.GetProperty("errors")[0].GetProperty("message").GetString());
        var feedCursor = (await f.Http.DataAsync("{ feed(first: 1) { pageInfo { endCursor } } }")).GetProperty("feed").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var (_, foreign) = await f.Http.GraphQLAsync(ListQuery, new { first = 1, after = feedCursor }, aToken);
        Assert.Equal("INVALID_VALUE", foreign.ErrorCode());
        var (_, big) = await f.Http.GraphQLAsync(ListQuery, new { first = 51 }, aToken);
        Assert.Equal("OUT_OF_RANGE", big.ErrorCode());
    }

    [DatabaseFact]
    public async Task The_list_counts_against_the_cost_limit_by_its_page_size()
    {
        const string query = "query($n: Int) { notifications(first: $n) { nodes { video { comments(first: $n) { nodes { user { videos(first: $n) { nodes { id } } } } } } } } }";
        var (status, body) = await f.Http.GraphQLAsync(query, new { n = 50 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", body.ErrorCode());
        var (_, small) = await f.Http.GraphQLAsync(query, new { n = 2 });
        Assert.Equal("TOKEN_MISSING", small.ErrorCode()); // within the cost: it runs, and needs a token
    }

    [DatabaseFact]
    public async Task Changes_reach_every_socket_of_the_recipient_once_after_commit_and_nobody_else()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (c, cToken) = await f.Http.RegisterAsync();
        var video = await VideoOfAsync(a);
        await using var phone = await GraphQLWsClient.ReadyAsync(f.Factory, aToken);
        await using var laptop = await GraphQLWsClient.ReadyAsync(f.Factory, aToken);
        await using var other = await GraphQLWsClient.ReadyAsync(f.Factory, bToken);
        var before = Subscribers;
        foreach (var client in new[] { phone, laptop, other }) await client.SubscribeAsync("n", EventsQuery);
        await LiveAsync(before, 3);

        await Like(bToken, video);
        foreach (var device in new[] { phone, laptop })
        {
            var added = await device.DataAsync("n", "notificationEvents");
            Assert.Equal("ADDED", added.GetProperty("kind").GetString());
            var note = added.GetProperty("notification");
            Assert.Equal(("LIKE", 1L, b.ToString(), video.ToString()), (note.GetProperty("kind").GetString(), note.GetProperty("actorCount").GetInt64(),
                note.GetProperty("actor").GetProperty("id").GetString(), note.GetProperty("video").GetProperty("id").GetString()));
            var count = await device.DataAsync("n", "notificationEvents");
            Assert.Equal(("UNREAD_COUNT", 1L), (count.GetProperty("kind").GetString(), count.GetProperty("unreadCount").GetInt64()));
        }
        // Committed before it was pushed: the list already shows it.
        Assert.Single((await f.Http.DataAsync(ListQuery, new { first = 10 }, aToken)).GetProperty("notifications").GetProperty("edges").EnumerateArray());

        await Like(bToken, video); // a repeat changes nothing and announces nothing
        await Like(cToken, video);
        await Like(bToken, video, like: false);
        await Like(cToken, video, like: false);
        foreach (var device in new[] { phone, laptop })
        {
            var grew = await device.DataAsync("n", "notificationEvents");
            Assert.Equal(("UPDATED", 2L, c.ToString()), (grew.GetProperty("kind").GetString(), grew.GetProperty("notification").GetProperty("actorCount").GetInt64(),
                grew.GetProperty("notification").GetProperty("actor").GetProperty("id").GetString()));
            var shrank = await device.DataAsync("n", "notificationEvents");
            Assert.Equal(("UPDATED", 1L), (shrank.GetProperty("kind").GetString(), shrank.GetProperty("notification").GetProperty("actorCount").GetInt64()));
            Assert.Equal("WITHDRAWN", (await device.DataAsync("n", "notificationEvents")).GetProperty("kind").GetString());
            var zero = await device.DataAsync("n", "notificationEvents");
            Assert.Equal(("UNREAD_COUNT", 0L), (zero.GetProperty("kind").GetString(), zero.GetProperty("unreadCount").GetInt64()));
            await device.AssertNothingAsync();
        }
        await other.AssertNothingAsync(); // b acted, and was told nothing
    }

    [DatabaseFact]
    public async Task The_notifications_hub_pushes_changes_and_counts_to_every_connection_of_the_recipient()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        await using var anonymous = HubClients.Build(f.Factory, LiveSetup.NotificationsPath, null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.StartAsync());

        await using var one = HubClients.Build(f.Factory, LiveSetup.NotificationsPath, aToken);
        await using var two = HubClients.BuildWebSocket(f.Factory, LiveSetup.NotificationsPath, aToken);
        await using var bHub = HubClients.Build(f.Factory, LiveSetup.NotificationsPath, bToken);
        var inboxes = new[] { one, two }.Select(h => (Notes: h.Record<LiveNotification>(LiveEvents.Notification),
            Counts: h.Record<LiveUnreadNotifications>(LiveEvents.UnreadNotifications))).ToList();
        var bNotes = bHub.Record<LiveNotification>(LiveEvents.Notification);
        foreach (var h in new[] { one, two, bHub }) await h.StartedAsync();
        Assert.Equal(0, (await one.InvokeAsync<LiveUnreadNotifications>("UnreadCount")).UnreadCount);

        await Follow(bToken, a);
        foreach (var (notes, counts) in inboxes)
        {
            var note = await notes.NextAsync();
            Assert.Equal(("added", "follow", b, 1L, 0L), (note.Change, note.Kind, note.ActorId, note.ActorCount, note.VideoId));
            Assert.Equal(1, (await counts.NextAsync()).UnreadCount);
        }
        Assert.Equal(1, (await two.InvokeAsync<LiveUnreadNotifications>("UnreadCount")).UnreadCount);

        await f.Http.DataAsync("mutation { markNotificationsRead }", null, aToken);
        foreach (var (notes, counts) in inboxes)
        {
            Assert.Equal(0, (await counts.NextAsync()).UnreadCount);
            await notes.AssertNothingAsync();
        }
        await bNotes.AssertNothingAsync();
    }
}

/// <summary>A page of notifications costs the same number of SQL commands for 1 item as for 30 (cache off).</summary>
public sealed class NotificationListBatchingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_page_of_notifications_with_actors_and_videos_costs_a_fixed_number_of_queries(string database)
    {
        var one = await MeasureAsync(1, database);
        var thirty = await MeasureAsync(30, database);
        Assert.True(one > 0, "the command counter saw no SQL at all");
        Assert.True(one == thirty, $"{one} SQL commands for 1 notification but {thirty} for 30: the list loads something per item");
    }

    private static async Task<int> MeasureAsync(int items, string database)
    {
        using var f = new TiktokFactory(database: database, settings: new() { ["Tiktok:Cache:Enabled"] = "false" });
        try
        {
            var http = f.CreateClient();
            var (me, token) = await http.RegisterAsync();
            var videos = await f.VideosAsync(me, items);
            var fans = await f.UsersAsync(items);
            for (var i = 0; i < items; i++)
            {
                var (fan, video) = (fans[i], videos[i]);
                await f.InScopeAsync(sp => sp.GetRequiredService<Core.Comments.Comments>().AddAsync(fan, video, "hi", default));
            }
            const string query = "{ notifications(first: 30) { nodes { id kind actorCount commentText actor { id name isFollow } video { id title favoriteCount isFavorite author { name } } } } }";
            await http.DataAsync(query, null, token); // warm-up
            JsonElement data = default;
            var commands = await f.Commands.CountAsync(async () => data = await http.DataAsync(query, null, token));
            Assert.Equal(items, data.GetProperty("notifications").GetProperty("nodes").GetArrayLength());
            return commands;
        }
        finally
        {
            f.DeleteData();
        }
    }
}
