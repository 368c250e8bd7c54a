using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class CommentTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    private Task<Reply> Comment(TestUser user, long video, string text) =>
        _api.Post("/douyin/comment/action/", ("token", user.Token), ("video_id", video), ("action_type", 1), ("comment_text", text));

    private Task<Reply> Delete(TestUser user, long video, long comment) =>
        _api.Post("/douyin/comment/action/", ("token", user.Token), ("video_id", video), ("action_type", 2), ("comment_id", comment));

    private async Task<long> CommentCount(TestUser author, long video)
    {
        var list = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok();
        var fromList = list.Array("video_list").Single(v => v.GetProperty("id").GetInt64() == video).GetProperty("comment_count").GetInt64();
        var inFeed = await _api.FindInFeedAsync(video);
        Assert.True(inFeed is not null, "the video must be in the feed");
        Assert.True(fromList == inFeed.Value.GetProperty("comment_count").GetInt64(), list.Explain("feed and publish list must agree on comment_count"));
        return fromList;
    }

    [Fact]
    public async Task Comment_answers_the_new_comment_and_the_list_is_newest_first_with_a_matching_count()
    {
        var users = await _api.NewUsersAsync(2, "cmt");
        var (author, fan) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(author, "talk");

        var text = "nice video! 很好 👍\nsecond line";
        var first = (await Comment(fan, video, text)).Ok();
        var comment = Shapes.Object(first.Json, "comment", first);
        Shapes.Comment(comment, first);
        Assert.Equal(text, comment.GetProperty("content").GetString());
        Assert.Equal(fan.Id, comment.GetProperty("user").GetProperty("id").GetInt64());
        Assert.Equal(fan.Name, comment.GetProperty("user").GetProperty("name").GetString());
        var date = comment.GetProperty("create_date").GetString();
        var near = new[] { -1, 0, 1 }.Select(d => DateTimeOffset.UtcNow.AddDays(d).ToString("MM-dd"));
        Assert.True(near.Contains(date), first.Explain($"create_date must be today's MM-DD (in some time zone), got {date}"));

        var second = (await Comment(author, video, "thanks")).Ok();
        var ids = new[] { second.Json.GetProperty("comment").GetProperty("id").GetInt64(), comment.GetProperty("id").GetInt64() };

        var list = (await _api.Get("/douyin/comment/list/", ("video_id", video), ("token", fan.Token))).Ok();
        Assert.True(list.Ids("comment_list").SequenceEqual(ids), list.Explain("comment_list newest first"));
        foreach (var c in list.Array("comment_list")) Shapes.Comment(c, list);
        Assert.Equal(2, await CommentCount(author, video));

        var anonymous = (await _api.Get("/douyin/comment/list/", ("video_id", video))).Ok();
        Assert.Equal(ids, anonymous.Ids("comment_list"));
    }

    [Fact]
    public async Task Only_the_author_deletes_a_comment()
    {
        var users = await _api.NewUsersAsync(3, "del");
        var (owner, writer, other) = (users[0], users[1], users[2]);
        var video = await _api.PublishSampleAsync(owner, "moderated");
        var id = (await Comment(writer, video, "mine")).Ok().Json.GetProperty("comment").GetProperty("id").GetInt64();

        var byOther = await Delete(other, video, id);
        byOther.Fails(4001);
        Shapes.ZeroValued("/douyin/comment/action/", byOther);
        (await Delete(owner, video, id)).Fails(4001); // not even the video's author
        Assert.Equal([id], await Ids(video));
        Assert.Equal(1, await CommentCount(owner, video));

        (await Delete(writer, video, id)).Ok();
        Assert.Empty(await Ids(video));
        Assert.Equal(0, await CommentCount(owner, video));

        // Deleting again: the comment is gone; the count does not go below zero.
        (await Delete(writer, video, id)).Fails(3003);
        Assert.Equal(0, await CommentCount(owner, video));
    }

    [Fact]
    public async Task A_comment_cannot_be_deleted_through_another_video()
    {
        var user = await _api.NewUserAsync("xvid");
        var v1 = await _api.PublishSampleAsync(user, "one");
        var v2 = await _api.PublishSampleAsync(user, "two");
        var id = (await Comment(user, v1, "on one")).Ok().Json.GetProperty("comment").GetProperty("id").GetInt64();
        (await Delete(user, v2, id)).Fails(3003);
        Assert.Equal([id], await Ids(v1));
        Assert.Equal(1, await CommentCount(user, v1));
        Assert.Equal(0, await CommentCount(user, v2));
    }

    [Fact]
    public async Task Commenter_is_follow_is_computed_for_the_viewer()
    {
        var users = await _api.NewUsersAsync(2, "cf");
        var (viewer, writer) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(writer, "followed");
        (await Comment(writer, video, "hi")).Ok();
        (await _api.Post("/douyin/relation/action/", ("token", viewer.Token), ("to_user_id", writer.Id), ("action_type", 1))).Ok();
        var list = (await _api.Get("/douyin/comment/list/", ("video_id", video), ("token", viewer.Token))).Ok();
        Assert.True(list.Array("comment_list").Single().GetProperty("user").GetProperty("is_follow").GetBoolean(),
            list.Explain("the viewer follows the commenter"));
    }

    private async Task<List<long>> Ids(long video) =>
        (await _api.Get("/douyin/comment/list/", ("video_id", video))).Ok().Ids("comment_list");
}
