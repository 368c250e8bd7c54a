using System.Text.Json;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class FavoriteTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    private Task<Reply> Like(TestUser user, long video, int action) =>
        _api.Post("/douyin/favorite/action/", ("token", user.Token), ("video_id", video), ("action_type", action));

    /// <summary>Every place a like shows: the video in the feed and lists, both users' counts, the fan's list.</summary>
    private async Task AssertLikes(TestUser author, TestUser fan, long video, int expected)
    {
        var a = await _api.UserAsync(author.Id);
        Assert.Equal(expected, a.GetProperty("total_favorited").GetInt64());
        var f = await _api.UserAsync(fan.Id);
        Assert.Equal(expected, f.GetProperty("favorite_count").GetInt64());

        var inFeed = await _api.FindInFeedAsync(video, fan.Token);
        Assert.True(inFeed is not null, "the video must be in the feed");
        Assert.Equal(expected, inFeed.Value.GetProperty("favorite_count").GetInt64());
        Assert.Equal(expected == 1, inFeed.Value.GetProperty("is_favorite").GetBoolean());

        var published = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id), ("token", fan.Token))).Ok();
        var v = published.Array("video_list").Single(x => x.GetProperty("id").GetInt64() == video);
        Assert.True(v.GetProperty("favorite_count").GetInt64() == expected, published.Explain($"favorite_count must be {expected}"));
        Assert.Equal(expected == 1, v.GetProperty("is_favorite").GetBoolean());
        Assert.Equal(expected, v.GetProperty("author").GetProperty("total_favorited").GetInt64());

        var liked = (await _api.Get("/douyin/favorite/list/", ("user_id", fan.Id), ("token", fan.Token))).Ok();
        var ids = liked.Ids("video_list");
        Assert.True(ids.Count == expected && ids.Distinct().Count() == ids.Count,
            liked.Explain($"the fan's favorite list must hold {expected} video(s), no duplicates; its length must equal favorite_count"));
        foreach (var x in liked.Array("video_list"))
        {
            Shapes.Video(x, liked);
            Assert.True(x.GetProperty("is_favorite").GetBoolean(), liked.Explain("in my own favorite list every video is liked by me"));
            Assert.Equal(expected, x.GetProperty("favorite_count").GetInt64());
        }
    }

    [Fact]
    public async Task Like_and_unlike_are_idempotent_and_every_count_agrees()
    {
        var users = await _api.NewUsersAsync(2, "fav");
        var (author, fan) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(author, "likeable");
        await AssertLikes(author, fan, video, 0);

        (await Like(fan, video, 1)).Ok();
        await AssertLikes(author, fan, video, 1);
        (await Like(fan, video, 1)).Ok();
        (await Like(fan, video, 1)).Ok();
        await AssertLikes(author, fan, video, 1);

        (await Like(fan, video, 2)).Ok();
        await AssertLikes(author, fan, video, 0);
        (await Like(fan, video, 2)).Ok();
        await AssertLikes(author, fan, video, 0);
    }

    [Fact]
    public async Task Concurrent_repeated_likes_count_once()
    {
        var users = await _api.NewUsersAsync(2, "race");
        var video = await _api.PublishSampleAsync(users[0], "raced");
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Like(users[1], video, 1)));
        foreach (var r in replies) r.Ok();
        await AssertLikes(users[0], users[1], video, 1);
    }

    [Fact]
    public async Task Favorite_list_is_most_recently_liked_first_and_counts_likes_of_several_users()
    {
        var users = await _api.NewUsersAsync(3, "flist");
        var (author, fan1, fan2) = (users[0], users[1], users[2]);
        var v1 = await _api.PublishSampleAsync(author, "v1");
        var v2 = await _api.PublishSampleAsync(author, "v2");

        (await Like(fan1, v2, 1)).Ok();
        (await Like(fan1, v1, 1)).Ok();
        (await Like(fan2, v1, 1)).Ok();

        var list = (await _api.Get("/douyin/favorite/list/", ("token", fan1.Token))).Ok();
        Assert.True(list.Ids("video_list").SequenceEqual([v1, v2]), list.Explain("most recently liked first; a missing user_id means the token's user"));
        var counts = list.Array("video_list").ToDictionary(v => v.GetProperty("id").GetInt64(), v => v.GetProperty("favorite_count").GetInt64());
        Assert.Equal(2, counts[v1]);
        Assert.Equal(1, counts[v2]);

        Assert.Equal(3, (await _api.UserAsync(author.Id)).GetProperty("total_favorited").GetInt64());
        Assert.Equal(2, (await _api.UserAsync(fan1.Id)).GetProperty("favorite_count").GetInt64());

        // Seen by someone else (or nobody), is_favorite is about the viewer, not the list's owner.
        var byFan2 = (await _api.Get("/douyin/favorite/list/", ("user_id", fan1.Id), ("token", fan2.Token))).Ok();
        var flags = byFan2.Array("video_list").ToDictionary(v => v.GetProperty("id").GetInt64(), v => v.GetProperty("is_favorite").GetBoolean());
        Assert.True(flags[v1] && !flags[v2], byFan2.Explain("is_favorite must be computed for the viewer (fan2 liked only v1)"));
        var anonymous = (await _api.Get("/douyin/favorite/list/", ("user_id", fan1.Id))).Ok();
        Assert.All(anonymous.Array("video_list"), v => Assert.False(v.GetProperty("is_favorite").GetBoolean()));
    }

    [Fact]
    public async Task Liking_a_missing_video_is_refused_and_changes_nothing()
    {
        var fan = await _api.NewUserAsync("ghost");
        (await Like(fan, 9_000_000_000_000_000, 1)).Fails(3002);
        (await Like(fan, 9_000_000_000_000_000, 2)).Fails(3002);
        Assert.Equal(0, (await _api.UserAsync(fan.Id)).GetProperty("favorite_count").GetInt64());
        Assert.Empty(await _api.ListAsync("/douyin/favorite/list/", "video_list", ("user_id", fan.Id)));
    }
}
