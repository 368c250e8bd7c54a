using System.Net;
using System.Net.Http.Headers;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class MediaTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    private async Task<(string Play, string Cover, string Avatar, string Background)> PublishedUrls()
    {
        var author = await _api.NewUserAsync("media");
        var id = await _api.PublishSampleAsync(author, "media");
        var list = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok();
        var video = list.Array("video_list").Single(v => v.GetProperty("id").GetInt64() == id);
        Shapes.Video(video, list);
        var a = video.GetProperty("author");
        return (video.GetProperty("play_url").GetString()!, video.GetProperty("cover_url").GetString()!,
            a.GetProperty("avatar").GetString()!, a.GetProperty("background_image").GetString()!);
    }

    [Fact]
    public async Task Play_url_serves_the_whole_video_as_video_mp4()
    {
        var (play, _, _, _) = await PublishedUrls();
        using var answer = await fixture.Http.GetAsync(play);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {play} answered {(int)answer.StatusCode}\n{fixture.LogTail()}");
        Assert.Equal("video/mp4", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Douyin.SampleMp4.Length, bytes.Length);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.Contains("bytes", answer.Headers.AcceptRanges);
    }

    [Fact]
    public async Task Play_url_answers_range_requests_with_206_and_content_range()
    {
        var (play, _, _, _) = await PublishedUrls();
        var total = Douyin.SampleMp4.Length;

        using (var first = new HttpRequestMessage(HttpMethod.Get, play))
        {
            first.Headers.Range = new RangeHeaderValue(0, 99);
            using var answer = await fixture.Http.SendAsync(first);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.PartialContent, $"Range bytes=0-99 on {play} answered {(int)answer.StatusCode}");
            Assert.Equal($"bytes 0-99/{total}", answer.Content.Headers.ContentRange?.ToString());
            Assert.Equal("video/mp4", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(100, bytes.Length);
            Assert.Equal(Douyin.SampleMp4[..100], bytes);
        }

        using (var tail = new HttpRequestMessage(HttpMethod.Get, play))
        {
            tail.Headers.Range = new RangeHeaderValue(1000, null);
            using var answer = await fixture.Http.SendAsync(tail);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.PartialContent, answer.StatusCode);
            Assert.Equal($"bytes 1000-{total - 1}/{total}", answer.Content.Headers.ContentRange?.ToString());
            Assert.Equal(total - 1000, bytes.Length);
            Assert.Equal(Douyin.SampleMp4[1000..], bytes);
        }
    }

    [Fact]
    public async Task Cover_is_a_jpeg_cut_from_the_video_or_a_png_placeholder()
    {
        var (_, cover, _, _) = await PublishedUrls();
        using var answer = await fixture.Http.GetAsync(cover);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {cover} answered {(int)answer.StatusCode}\n{fixture.LogTail()}");
        var type = answer.Content.Headers.ContentType?.MediaType;
        var isJpeg = type == "image/jpeg" && bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8;
        var isPng = type == "image/png" && bytes.Length > 8 && bytes[..4].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        if (fixture.CutsCovers == true)
            Assert.True(isJpeg, $"with ffmpeg installed the cover {cover} must be a JPEG; got {type}, {bytes.Length} bytes");
        else
            Assert.True(isJpeg || isPng, $"the cover {cover} must be image/jpeg or the image/png placeholder; got {type}");
    }

    [Fact]
    public async Task Avatar_and_background_image_are_fetchable_images()
    {
        var (_, _, avatar, background) = await PublishedUrls();
        foreach (var url in new[] { avatar, background })
        {
            using var answer = await fixture.Http.GetAsync(url);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)answer.StatusCode}");
            Assert.StartsWith("image/", answer.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Unknown_media_is_404()
    {
        using var answer = await fixture.Http.GetAsync(fixture.BaseUrl + "/media/videos/000000/does-not-exist.mp4");
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
