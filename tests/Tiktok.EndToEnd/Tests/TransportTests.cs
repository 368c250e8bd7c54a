using System.Net;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

/// <summary>How requests travel: trailing slashes, where parameters sit, content types.</summary>
[Collection(ServerCollection.Name)]
public sealed class TransportTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    [Fact]
    public async Task Every_path_works_without_its_trailing_slash_and_POSTs_are_not_redirected()
    {
        var users = await _api.NewUsersAsync(2, "slash");
        var (me, other) = (users[0], users[1]);

        var name = Douyin.UniqueName("noslash");
        var registered = (await _api.Post("/douyin/user/register", ("username", name), ("password", "secret-1"))).Ok();
        Assert.True(registered.Int64("user_id") > 0);
        (await _api.Post("/douyin/user/login", ("username", name), ("password", "secret-1"))).Ok();

        (await _api.Publish(me.Token, "no slash", Douyin.SampleMp4, path: "/douyin/publish/action")).Ok();
        var video = (await _api.Get("/douyin/publish/list", ("user_id", me.Id))).Ok().Ids("video_list").Single();

        (await _api.Post("/douyin/favorite/action", ("token", other.Token), ("video_id", video), ("action_type", 1))).Ok();
        var comment = (await _api.Post("/douyin/comment/action", ("token", other.Token), ("video_id", video),
            ("action_type", 1), ("comment_text", "slashless"))).Ok();
        Shapes.Comment(comment.Json.GetProperty("comment"), comment);
        (await _api.Post("/douyin/relation/action", ("token", other.Token), ("to_user_id", me.Id), ("action_type", 1))).Ok();
        (await _api.Post("/douyin/relation/action", ("token", me.Token), ("to_user_id", other.Id), ("action_type", 1))).Ok();
        (await _api.Post("/douyin/message/action", ("token", other.Token), ("to_user_id", me.Id), ("action_type", 1), ("content", "hey"))).Ok();

        Assert.Contains(video, (await _api.Get("/douyin/feed", ("token", me.Token))).Ok().Ids("video_list"));
        Assert.Equal(me.Id, (await _api.Get("/douyin/user", ("user_id", me.Id))).Ok().Json.GetProperty("user").GetProperty("id").GetInt64());
        Assert.Equal([video], (await _api.Get("/douyin/favorite/list", ("user_id", other.Id))).Ok().Ids("video_list"));
        Assert.Single((await _api.Get("/douyin/comment/list", ("video_id", video))).Ok().Array("comment_list"));
        Assert.Equal([other.Id], (await _api.Get("/douyin/relation/follow/list", ("user_id", me.Id))).Ok().Ids("user_list"));
        Assert.Equal([other.Id], (await _api.Get("/douyin/relation/follower/list", ("user_id", me.Id))).Ok().Ids("user_list"));
        Assert.Equal([other.Id], (await _api.Get("/douyin/relation/friend/list", ("user_id", me.Id), ("token", me.Token))).Ok().Ids("user_list"));
        Assert.Single((await _api.Get("/douyin/message/chat", ("token", me.Token), ("to_user_id", other.Id))).Ok().Array("message_list"));

        var counts = await _api.UserAsync(me.Id);
        Assert.Equal(1, counts.GetProperty("total_favorited").GetInt64());
        Assert.Equal(1, counts.GetProperty("follower_count").GetInt64());
    }

    [Fact]
    public async Task GET_with_an_urlencoded_form_body_is_read_like_the_query_string()
    {
        var users = await _api.NewUsersAsync(2, "getform");
        var video = await _api.PublishSampleAsync(users[0], "form body");
        (await _api.Post("/douyin/favorite/action/", ("token", users[1].Token), ("video_id", video), ("action_type", 1))).Ok();

        Reply Check(Reply r) => r.Ok();
        var user = Check(await _api.Send(new HttpRequestMessage(HttpMethod.Get, _api.Url("/douyin/user/"))
        {
            Content = Douyin.Form([("user_id", users[0].Id), ("token", users[1].Token)]),
        }));
        Assert.Equal(users[0].Id, user.Json.GetProperty("user").GetProperty("id").GetInt64());

        var list = Check(await _api.Send(new HttpRequestMessage(HttpMethod.Get, _api.Url("/douyin/publish/list/"))
        {
            Content = Douyin.Form([("user_id", users[0].Id), ("token", users[1].Token)]),
        }));
        Assert.True(list.Array("video_list").Single().GetProperty("is_favorite").GetBoolean(), list.Explain("the token in the GET body names the viewer"));

        // Split: user_id in the query, token in the body.
        var split = Check(await _api.Send(new HttpRequestMessage(HttpMethod.Get, _api.Url("/douyin/favorite/list/") + Douyin.QueryString([("user_id", users[1].Id)]))
        {
            Content = Douyin.Form([("token", users[1].Token)]),
        }));
        Assert.True(split.Array("video_list").Single().GetProperty("is_favorite").GetBoolean());
    }

    [Fact]
    public async Task POST_parameters_may_come_in_the_query_string_or_both_with_equal_values()
    {
        var users = await _api.NewUsersAsync(2, "postq");
        var (me, star) = (users[0], users[1]);
        (await _api.Send(new HttpRequestMessage(HttpMethod.Post,
            _api.Url("/douyin/relation/action/") + Douyin.QueryString([("token", me.Token), ("to_user_id", star.Id), ("action_type", 1)])))).Ok();
        Assert.Equal(1, (await _api.UserAsync(star.Id)).GetProperty("follower_count").GetInt64());

        (await _api.Send(new HttpRequestMessage(HttpMethod.Post,
            _api.Url("/douyin/relation/action/") + Douyin.QueryString([("token", me.Token), ("to_user_id", star.Id)]))
        {
            Content = Douyin.Form([("to_user_id", star.Id), ("action_type", 2)]),
        })).Ok();
        Assert.Equal(0, (await _api.UserAsync(star.Id)).GetProperty("follower_count").GetInt64());

        // Publish with the token in the query string, the file and title in the multipart body.
        (await _api.Publish(null, "token in query", Douyin.SampleMp4,
            path: "/douyin/publish/action/" + Douyin.QueryString([("token", me.Token)]))).Ok();
        Assert.Equal(1, (await _api.UserAsync(me.Id)).GetProperty("work_count").GetInt64());
    }

    [Fact]
    public async Task Answers_are_json_with_status_fields_first_class_and_int64_numbers()
    {
        var user = await _api.NewUserAsync("json");
        var reply = await _api.Get("/douyin/user/", ("token", user.Token));
        reply.Ok();
        Assert.Equal("application/json", reply.MediaType);
        Assert.Contains("\"user\":{", reply.Body.Replace(" ", ""));
        Assert.Contains($"\"id\":{user.Id}", reply.Body.Replace(" ", ""));
        Assert.Contains("\"status_code\":0", reply.Body.Replace(" ", ""));

        var login = (await _api.Post("/douyin/user/login/", ("username", user.Name), ("password", user.Password))).Ok();
        Assert.Contains($"\"user_id\":{user.Id}", login.Body.Replace(" ", ""));
    }

    [Fact]
    public async Task Unknown_paths_are_404()
    {
        using var unknown = await fixture.Http.GetAsync(_api.Url("/douyin/nope/"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
