using System.Text;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class PublishTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    [Fact]
    public async Task Publish_puts_the_video_in_the_authors_list_and_the_feed_with_zero_counts()
    {
        var author = await _api.NewUserAsync("pub");
        var title = "hello " + Guid.NewGuid().ToString("N")[..6];
        var reply = (await _api.Publish(author.Token, title, Douyin.SampleMp4)).Ok();

        var list = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id), ("token", author.Token))).Ok();
        var videos = list.Array("video_list");
        Assert.True(videos.Count == 1, list.Explain("one published video"));
        var video = videos[0];
        Shapes.Video(video, list);
        Assert.Equal(title, video.GetProperty("title").GetString());
        Assert.Equal(author.Id, video.GetProperty("author").GetProperty("id").GetInt64());
        Assert.Equal(1, video.GetProperty("author").GetProperty("work_count").GetInt64());
        Assert.Equal(0, video.GetProperty("favorite_count").GetInt64());
        Assert.Equal(0, video.GetProperty("comment_count").GetInt64());
        Assert.False(video.GetProperty("is_favorite").GetBoolean());

        var me = await _api.UserAsync(author.Id, author.Token);
        Assert.Equal(1, me.GetProperty("work_count").GetInt64());

        var inFeed = await _api.FindInFeedAsync(video.GetProperty("id").GetInt64());
        Assert.True(inFeed is not null, list.Explain("the published video must be in the feed"));
        Assert.Equal(title, inFeed.Value.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Publish_list_is_newest_first_and_a_missing_user_id_means_the_tokens_user()
    {
        var author = await _api.NewUserAsync("plist");
        var first = await _api.PublishSampleAsync(author, "first");
        var second = await _api.PublishSampleAsync(author, "second");

        var mine = (await _api.Get("/douyin/publish/list/", ("token", author.Token))).Ok();
        Assert.Equal([second, first], mine.Ids("video_list"));
        foreach (var v in mine.Array("video_list")) Shapes.Video(v, mine);

        var anonymous = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok();
        Assert.Equal([second, first], anonymous.Ids("video_list"));
        Assert.Equal(2, (await _api.UserAsync(author.Id)).GetProperty("work_count").GetInt64());

        var stranger = await _api.NewUserAsync("empty");
        var empty = (await _api.Get("/douyin/publish/list/", ("user_id", stranger.Id), ("token", author.Token))).Ok();
        Assert.Empty(empty.Array("video_list"));
    }

    [Fact]
    public async Task Publish_refuses_a_non_video_an_empty_file_and_a_missing_file_and_keeps_nothing()
    {
        var author = await _api.NewUserAsync("bad");
        var text = Encoding.UTF8.GetBytes("this is not a video at all\n" + new string('x', 4000));
        (await _api.Publish(author.Token, "text", text, "notes.txt", "text/plain")).Fails(5003);
        (await _api.Publish(author.Token, "text as mp4", text, "fake.mp4", "video/mp4")).Fails(5003);
        (await _api.Publish(author.Token, "missing", null)).Fails(5001);
        (await _api.Publish(author.Token, "empty", [])).Fails(5001);

        // A file that starts like an MP4 but holds no playable video is refused too.
        var header = Douyin.SampleMp4.AsSpan(0, 64).ToArray().Concat(new byte[2000]).ToArray();
        (await _api.Publish(author.Token, "header only", header)).Fails(5003);

        var list = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok();
        Assert.True(list.Array("video_list").Count == 0, list.Explain("a refused upload must leave no video"));
        Assert.Equal(0, (await _api.UserAsync(author.Id)).GetProperty("work_count").GetInt64());
    }

    [Fact]
    public async Task Publish_accepts_an_empty_title_and_parts_in_any_order()
    {
        var author = await _api.NewUserAsync("order");
        (await _api.Publish(author.Token, "", Douyin.SampleMp4)).Ok();

        // The file part before the token and title.
        var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(Douyin.SampleMp4);
        file.Headers.ContentType = new("video/mp4");
        body.Add(file, "data", "clip.mp4");
        body.Add(new StringContent("file first"), "title");
        body.Add(new StringContent(author.Token), "token");
        (await _api.Send(new HttpRequestMessage(HttpMethod.Post, _api.Url("/douyin/publish/action/")) { Content = body })).Ok();

        var titles = (await _api.ListAsync("/douyin/publish/list/", "video_list", ("user_id", author.Id)))
            .Select(v => v.GetProperty("title").GetString()).ToList();
        Assert.Equal(["file first", ""], titles);
    }
}
