using System.Net;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class LimitsTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    /// <summary>A valid MP4's bytes followed by zero padding up to <paramref name="size"/>.</summary>
    private static byte[] PaddedMp4(long size)
    {
        var bytes = new byte[size];
        Douyin.SampleMp4.CopyTo(bytes, 0);
        return bytes;
    }

    [KnownUploadLimitFact]
    public async Task An_upload_over_the_limit_answers_413_with_a_json_body_and_keeps_nothing()
    {
        var limit = fixture.MaxUploadBytes!.Value;
        var author = await _api.NewUserAsync("big");
        // Over the limit by less than the 1 MB of slack the server gives a multipart body, so that it can read
        // (drain) the rest of the body and the client sees the answer instead of a reset connection.
        var reply = await _api.Publish(author.Token, "too big", PaddedMp4(limit + 512 * 1024));
        Assert.True(reply.Http == HttpStatusCode.RequestEntityTooLarge, reply.Explain($"an upload over {limit} bytes must answer 413"));
        Assert.True(reply.IsJson, reply.Explain("the 413 carries the JSON body"));
        Assert.True(reply.StatusCode is 5002 or 6002, reply.Explain("status_code must be UploadTooLarge (5002) or RequestTooLarge (6002)"));
        Assert.False(string.IsNullOrEmpty(reply.Json.GetProperty("status_msg").GetString()), reply.Explain("status_msg must say what is wrong"));

        Assert.Empty(await _api.ListAsync("/douyin/publish/list/", "video_list", ("user_id", author.Id)));
        Assert.Equal(0, (await _api.UserAsync(author.Id)).GetProperty("work_count").GetInt64());

        // Just under the limit the same kind of file is read in full (and refused only as not playable, or accepted).
        var under = await _api.Publish(author.Token, "just under", PaddedMp4(limit - 64 * 1024));
        Assert.True(under.Http == HttpStatusCode.OK, under.Explain("an upload under the limit is not refused for its size"));
        Assert.True(under.StatusCode is 0 or 5003, under.Explain("under the limit: published, or refused as not a video"));
    }

    [Fact]
    public async Task Uploads_far_over_the_limit_are_refused_with_413_from_their_content_length()
    {
        var limit = fixture.MaxUploadBytes ?? 100L * 1024 * 1024;
        if (limit > 32L * 1024 * 1024) return; // not worth sending that much to an external server
        var author = await _api.NewUserAsync("huge");
        // "Expect: 100-continue": the server can refuse from Content-Length alone, before the body is sent,
        // so the client reliably reads the answer instead of a reset connection.
        var reply = await _api.Publish(author.Token, "huge", PaddedMp4(limit * 2 + 4 * 1024 * 1024),
            tweak: r => r.Headers.ExpectContinue = true);
        Assert.True(reply.Http == HttpStatusCode.RequestEntityTooLarge, reply.Explain("expected 413"));
        Assert.True(reply.IsJson && reply.StatusCode is 5002 or 6002, reply.Explain("with the JSON body, status_code 5002 or 6002"));
        Assert.Empty(await _api.ListAsync("/douyin/publish/list/", "video_list", ("user_id", author.Id)));
    }

    [Fact]
    public async Task A_form_body_over_the_request_limit_answers_413_with_json()
    {
        var users = await _api.NewUsersAsync(2, "bigform");
        var request = new HttpRequestMessage(HttpMethod.Post, _api.Url("/douyin/message/action/"))
        {
            Content = Douyin.Form([("token", users[0].Token), ("to_user_id", users[1].Id), ("action_type", 1),
                ("content", new string('x', 3 * 1024 * 1024))]),
        };
        request.Headers.ExpectContinue = true; // refused from Content-Length: the answer is read, not a reset
        var reply = await _api.Send(request);
        Assert.True(reply.Http == HttpStatusCode.RequestEntityTooLarge, reply.Explain("a 3 MB form must answer 413"));
        Assert.True(reply.IsJson && reply.StatusCode == 6002, reply.Explain("with the JSON body, status_code RequestTooLarge (6002)"));
        Assert.Empty(await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", users[0].Token), ("to_user_id", users[1].Id)));
    }

    [Fact]
    public async Task Long_texts_at_their_limits_are_accepted()
    {
        var users = await _api.NewUsersAsync(2, "edge");
        var title = new string('t', 100);
        (await _api.Publish(users[0].Token, title, Douyin.SampleMp4)).Ok();
        var video = (await _api.Get("/douyin/publish/list/", ("user_id", users[0].Id))).Ok().Array("video_list").Single();
        Assert.Equal(title, video.GetProperty("title").GetString());
        var id = video.GetProperty("id").GetInt64();

        var comment = new string('c', 500);
        var posted = (await _api.Post("/douyin/comment/action/", ("token", users[1].Token), ("video_id", id),
            ("action_type", 1), ("comment_text", comment))).Ok();
        Assert.Equal(comment, posted.Json.GetProperty("comment").GetProperty("content").GetString());

        var message = new string('m', 1000);
        (await _api.Post("/douyin/message/action/", ("token", users[1].Token), ("to_user_id", users[0].Id),
            ("action_type", 1), ("content", message))).Ok();
        var chat = await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", users[0].Token), ("to_user_id", users[1].Id));
        Assert.Equal(message, chat.Single().GetProperty("content").GetString());
    }
}
