using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class RelationTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    private Task<Reply> Follow(TestUser who, long whom, int action) =>
        _api.Post("/douyin/relation/action/", ("token", who.Token), ("to_user_id", whom), ("action_type", action));

    private async Task AssertFollows(TestUser fan, TestUser star, bool follows)
    {
        var n = follows ? 1 : 0;
        var f = await _api.UserAsync(fan.Id);
        var s = await _api.UserAsync(star.Id, fan.Token);
        Assert.Equal(n, f.GetProperty("follow_count").GetInt64());
        Assert.Equal(0, f.GetProperty("follower_count").GetInt64());
        Assert.Equal(n, s.GetProperty("follower_count").GetInt64());
        Assert.Equal(0, s.GetProperty("follow_count").GetInt64());
        Assert.Equal(follows, s.GetProperty("is_follow").GetBoolean());

        var following = (await _api.Get("/douyin/relation/follow/list/", ("user_id", fan.Id), ("token", fan.Token))).Ok();
        Assert.True(following.Ids("user_list").SequenceEqual(follows ? [star.Id] : []), following.Explain("the fan's follow list"));
        foreach (var u in following.Array("user_list"))
        {
            Shapes.User(u, following);
            Assert.True(u.GetProperty("is_follow").GetBoolean(), following.Explain("I follow everyone in my follow list"));
            Assert.Equal(n, u.GetProperty("follower_count").GetInt64());
        }

        var followers = (await _api.Get("/douyin/relation/follower/list/", ("user_id", star.Id), ("token", star.Token))).Ok();
        Assert.True(followers.Ids("user_list").SequenceEqual(follows ? [fan.Id] : []), followers.Explain("the star's follower list"));
        foreach (var u in followers.Array("user_list"))
        {
            Shapes.User(u, followers);
            Assert.False(u.GetProperty("is_follow").GetBoolean(), followers.Explain("the star does not follow the fan back"));
            Assert.Equal(n, u.GetProperty("follow_count").GetInt64());
        }
    }

    [Fact]
    public async Task Follow_and_unfollow_are_idempotent_and_lists_agree_with_counts()
    {
        var users = await _api.NewUsersAsync(2, "rel");
        var (fan, star) = (users[0], users[1]);
        await AssertFollows(fan, star, false);

        (await Follow(fan, star.Id, 1)).Ok();
        await AssertFollows(fan, star, true);
        (await Follow(fan, star.Id, 1)).Ok();
        await AssertFollows(fan, star, true);

        (await Follow(fan, star.Id, 2)).Ok();
        await AssertFollows(fan, star, false);
        (await Follow(fan, star.Id, 2)).Ok();
        await AssertFollows(fan, star, false);
    }

    [Fact]
    public async Task Concurrent_repeated_follows_count_once()
    {
        var users = await _api.NewUsersAsync(2, "frace");
        foreach (var r in await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Follow(users[0], users[1].Id, 1)))) r.Ok();
        await AssertFollows(users[0], users[1], true);
    }

    [Fact]
    public async Task Following_yourself_or_a_missing_user_is_refused_and_changes_nothing()
    {
        var user = await _api.NewUserAsync("selff");
        (await Follow(user, user.Id, 1)).Fails(4002);
        (await Follow(user, 9_000_000_000_000_000, 1)).Fails(3001);
        var me = await _api.UserAsync(user.Id);
        Assert.Equal(0, me.GetProperty("follow_count").GetInt64());
        Assert.Equal(0, me.GetProperty("follower_count").GetInt64());
        Assert.Empty(await _api.ListAsync("/douyin/relation/follow/list/", "user_list", ("user_id", user.Id)));
    }

    [Fact]
    public async Task Relation_lists_without_user_id_mean_the_tokens_user_and_hold_no_duplicates()
    {
        var users = await _api.NewUsersAsync(4, "many");
        var me = users[0];
        foreach (var other in users.Skip(1)) (await Follow(me, other.Id, 1)).Ok();
        (await Follow(users[1], me.Id, 1)).Ok();

        var following = (await _api.Get("/douyin/relation/follow/list/", ("token", me.Token))).Ok().Ids("user_list");
        Assert.Equal(users.Skip(1).Select(u => u.Id).Order(), following.Order());
        var followers = (await _api.Get("/douyin/relation/follower/list/", ("token", me.Token))).Ok().Ids("user_list");
        Assert.Equal([users[1].Id], followers);
        var friends = (await _api.Get("/douyin/relation/friend/list/", ("token", me.Token))).Ok().Ids("user_list");
        Assert.Equal([users[1].Id], friends);

        var info = await _api.UserAsync(me.Id);
        Assert.Equal(3, info.GetProperty("follow_count").GetInt64());
        Assert.Equal(1, info.GetProperty("follower_count").GetInt64());
    }
}
