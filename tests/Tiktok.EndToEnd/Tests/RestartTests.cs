using System.Net;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class RestartTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    [OwnedServerFact]
    public async Task After_a_restart_on_the_same_data_dir_data_media_and_old_tokens_are_still_valid()
    {
        var users = await _api.NewUsersAsync(2, "restart");
        var (author, fan) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(author, "survives");
        (await _api.Post("/douyin/favorite/action/", ("token", fan.Token), ("video_id", video), ("action_type", 1))).Ok();
        (await _api.Post("/douyin/relation/action/", ("token", fan.Token), ("to_user_id", author.Id), ("action_type", 1))).Ok();
        (await _api.Post("/douyin/comment/action/", ("token", fan.Token), ("video_id", video), ("action_type", 1), ("comment_text", "before"))).Ok();
        (await _api.Post("/douyin/message/action/", ("token", fan.Token), ("to_user_id", author.Id), ("action_type", 1), ("content", "before"))).Ok();
        var before = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id), ("token", fan.Token))).Ok();

        await fixture.RestartAsync();

        // The old token still names its user.
        var me = (await _api.Get("/douyin/user/", ("token", fan.Token))).Ok().Json.GetProperty("user");
        Assert.Equal(fan.Id, me.GetProperty("id").GetInt64());
        Assert.Equal(1, me.GetProperty("favorite_count").GetInt64());
        Assert.Equal(1, me.GetProperty("follow_count").GetInt64());

        var after = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id), ("token", fan.Token))).Ok();
        var v = after.Array("video_list").Single();
        Assert.Equal(video, v.GetProperty("id").GetInt64());
        Assert.Equal(1, v.GetProperty("favorite_count").GetInt64());
        Assert.Equal(1, v.GetProperty("comment_count").GetInt64());
        Assert.True(v.GetProperty("is_favorite").GetBoolean());
        Assert.True(v.GetProperty("author").GetProperty("is_follow").GetBoolean());
        Assert.Equal(before.Array("video_list").Single().GetProperty("title").GetString(), v.GetProperty("title").GetString());

        using (var media = await fixture.Http.GetAsync(v.GetProperty("play_url").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, media.StatusCode);
            Assert.Equal(Douyin.SampleMp4.Length, (await media.Content.ReadAsByteArrayAsync()).Length);
        }
        using (var cover = await fixture.Http.GetAsync(v.GetProperty("cover_url").GetString()))
            Assert.Equal(HttpStatusCode.OK, cover.StatusCode);

        var chat = await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", author.Token), ("to_user_id", fan.Id));
        Assert.Equal("before", chat.Single().GetProperty("content").GetString());
        Assert.Single(await _api.ListAsync("/douyin/comment/list/", "comment_list", ("video_id", video)));

        // Log-in still works, and the old token still acts.
        (await _api.Post("/douyin/user/login/", ("username", author.Name), ("password", author.Password))).Ok();
        (await _api.Post("/douyin/favorite/action/", ("token", fan.Token), ("video_id", video), ("action_type", 2))).Ok();
        Assert.Equal(0, (await _api.UserAsync(author.Id)).GetProperty("total_favorited").GetInt64());

        // Messages sent after the restart still come strictly after the old ones.
        var last = chat.Single().GetProperty("create_time").GetInt64();
        (await _api.Post("/douyin/message/action/", ("token", author.Token), ("to_user_id", fan.Id), ("action_type", 1), ("content", "after"))).Ok();
        var fresh = await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", fan.Token), ("to_user_id", author.Id), ("pre_msg_time", last));
        Assert.Equal(["after"], fresh.Select(m => m.GetProperty("content").GetString()));
    }
}
