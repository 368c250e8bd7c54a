using System.Text.Json;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class MessageTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    private Task<Reply> Send(TestUser from, TestUser to, string content) =>
        _api.Post("/douyin/message/action/", ("token", from.Token), ("to_user_id", to.Id), ("action_type", 1), ("content", content));

    private async Task<List<JsonElement>> Chat(TestUser me, TestUser peer, long? after)
    {
        var reply = (await _api.Get("/douyin/message/chat/", ("token", me.Token), ("to_user_id", peer.Id), ("pre_msg_time", after))).Ok();
        var list = reply.Array("message_list");
        foreach (var m in list) Shapes.Message(m, reply);
        var times = list.Select(m => m.GetProperty("create_time").GetInt64()).ToList();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First < p.Second), reply.Explain("message_list must be oldest first (strictly increasing create_time)"));
        if (after is > 0) Assert.True(times.All(t => t > after), reply.Explain($"only messages strictly after {after}"));
        return list;
    }

    private static string Content(JsonElement m) => m.GetProperty("content").GetString()!;

    [Fact]
    public async Task Chat_holds_both_directions_oldest_first_with_ids_and_ms_times()
    {
        var users = await _api.NewUsersAsync(2, "chat");
        var (a, b) = (users[0], users[1]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (await Send(a, b, "1 from a")).Ok();
        (await Send(b, a, "2 from b")).Ok();
        (await Send(a, b, "3 from a")).Ok();

        var seenByA = await Chat(a, b, 0);
        Assert.Equal(["1 from a", "2 from b", "3 from a"], seenByA.Select(Content));
        Assert.Equal([a.Id, b.Id, a.Id], seenByA.Select(m => m.GetProperty("from_user_id").GetInt64()));
        Assert.Equal([b.Id, a.Id, b.Id], seenByA.Select(m => m.GetProperty("to_user_id").GetInt64()));
        var created = seenByA[0].GetProperty("create_time").GetInt64();
        Assert.InRange(created, before - 120_000, before + 120_000); // milliseconds, near now

        var seenByB = await Chat(b, a, null);
        Assert.Equal(seenByA.Select(m => m.GetProperty("id").GetInt64()), seenByB.Select(m => m.GetProperty("id").GetInt64()));

        // Someone else's conversation is not mixed in.
        var c = await _api.NewUserAsync("chatc");
        (await Send(c, a, "from c")).Ok();
        Assert.Equal(3, (await Chat(a, b, 0)).Count);
        Assert.Equal(["from c"], (await Chat(a, c, 0)).Select(Content));
    }

    [Fact]
    public async Task Polling_with_the_last_create_time_returns_each_message_exactly_once()
    {
        var users = await _api.NewUsersAsync(2, "poll");
        var (a, b) = (users[0], users[1]);
        var received = new List<JsonElement>();
        long last = 0;

        async Task Poll()
        {
            var fresh = await Chat(a, b, last);
            received.AddRange(fresh);
            if (fresh.Count > 0) last = fresh[^1].GetProperty("create_time").GetInt64();
        }

        await Poll();
        Assert.Empty(received);
        for (var round = 0; round < 4; round++)
        {
            (await Send(a, b, $"a{round}")).Ok();
            (await Send(b, a, $"b{round}")).Ok();
            if (round % 2 == 1) await Poll();
            await Poll();
        }
        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3"], received.Select(Content));
        Assert.Equal(received.Count, received.Select(m => m.GetProperty("id").GetInt64()).Distinct().Count());

        // Strictly after: from the first message's time, everything but the first.
        var afterFirst = await Chat(b, a, received[0].GetProperty("create_time").GetInt64());
        Assert.Equal(received.Skip(1).Select(Content), afterFirst.Select(Content));
        Assert.Empty(await Chat(b, a, last));
    }

    [Fact]
    public async Task Messaging_yourself_or_a_missing_user_is_refused_and_stores_nothing()
    {
        var a = await _api.NewUserAsync("msgself");
        (await Send(a, a, "me")).Fails(4003);
        (await _api.Post("/douyin/message/action/", ("token", a.Token), ("to_user_id", 9_000_000_000_000_000L),
            ("action_type", 1), ("content", "nobody"))).Fails(3001);
        (await _api.Get("/douyin/message/chat/", ("token", a.Token), ("to_user_id", 9_000_000_000_000_000L))).Fails(3001);
        Assert.Empty(await Chat(a, a, 0));
    }

    [Fact]
    public async Task Friend_list_holds_mutual_follows_with_the_latest_message_and_msgType()
    {
        var users = await _api.NewUsersAsync(4, "friend");
        var (me, friend, quiet, fan) = (users[0], users[1], users[2], users[3]);
        async Task Follow(TestUser x, TestUser y) =>
            (await _api.Post("/douyin/relation/action/", ("token", x.Token), ("to_user_id", y.Id), ("action_type", 1))).Ok();
        await Follow(me, friend);
        await Follow(friend, me);
        await Follow(me, quiet);
        await Follow(quiet, me);
        await Follow(fan, me); // one-way: not a friend

        (await Send(friend, me, "hello from friend")).Ok();
        var list = await Friends(me);
        Assert.Equal(new[] { friend.Id, quiet.Id }.Order(), list.Keys.Order());
        Assert.Equal(("hello from friend", 0L), list[friend.Id]);
        Assert.Equal(("", 0L), list[quiet.Id]);

        (await Send(me, friend, "reply from me")).Ok();
        Assert.Equal(("reply from me", 1L), (await Friends(me))[friend.Id]);
        Assert.Equal(("reply from me", 0L), (await Friends(friend))[me.Id]);

        // Unfollowing ends the friendship.
        (await _api.Post("/douyin/relation/action/", ("token", quiet.Token), ("to_user_id", me.Id), ("action_type", 2))).Ok();
        Assert.Equal([friend.Id], (await Friends(me)).Keys.ToList());
    }

    private async Task<Dictionary<long, (string, long)>> Friends(TestUser viewer)
    {
        var reply = (await _api.Get("/douyin/relation/friend/list/", ("user_id", viewer.Id), ("token", viewer.Token))).Ok();
        var list = reply.Array("user_list");
        foreach (var u in list)
        {
            Shapes.Friend(u, reply);
            Assert.True(u.GetProperty("is_follow").GetBoolean(), reply.Explain("the viewer follows each of their friends"));
        }
        var ids = list.Select(u => u.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.Distinct().Count() == ids.Count, reply.Explain("no duplicates"));
        return list.ToDictionary(u => u.GetProperty("id").GetInt64(),
            u => (u.GetProperty("message").GetString()!, u.GetProperty("msgType").GetInt64()));
    }
}
