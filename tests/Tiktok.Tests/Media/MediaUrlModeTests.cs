using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Media;

/// <summary>
/// Publish through REST with the fixture video, then fetch play_url and cover_url as a client would,
/// for every store and URL mode that applies.
/// </summary>
public sealed class MediaUrlModeTests : IDisposable
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"));
    private readonly List<TiktokFactory> _hosts = [];
    private readonly HttpClient _outside = new();

    public void Dispose()
    {
        _outside.Dispose();
        foreach (var host in _hosts)
        {
            host.Dispose();
            host.DeleteData();
        }
    }

    [Theory]
    [InlineData(S3TestServer.Local, "Proxied")]
    [InlineData(S3TestServer.Local, "Public")]
    [S3Data("Proxied")]
    [S3Data("Presigned")]
    [S3Data("Public")]
    public async Task A_published_video_and_its_cover_can_be_fetched_from_their_urls(string store, string mode)
    {
        var publicBase = store == S3TestServer.S3
            ? $"{S3TestServer.RequireEndpoint()}/{S3TestServer.Bucket}" // s3rver serves objects without a signature
            : "https://cdn.example.test/tiktok-media";
        var f = S3TestServer.Host(store, mode, new() { ["Tiktok:Media:PublicBaseUrl"] = publicBase });
        _hosts.Add(f);
        var http = f.CreateClient();
        var (me, token) = await http.RegisterAsync();

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent($"{store} {mode}"), "title" },
            { new ByteArrayContent(Fixture), "data", "clip.mp4" },
        };
        using (var published = await http.PostAsync("/douyin/publish/action/", form))
            Assert.Equal(0, JsonDocument.Parse(await published.Content.ReadAsStringAsync()).RootElement.Status());

        var video = (await http.GetJsonAsync($"/douyin/publish/list/?user_id={me}&token={token}"))
            .GetProperty("video_list").EnumerateArray().Single();
        var playUrl = video.GetProperty("play_url").GetString()!;
        var coverUrl = video.GetProperty("cover_url").GetString()!;
        var avatarUrl = video.GetProperty("author").GetProperty("avatar").GetString()!;

        // Where each URL must point.
        var server = http.BaseAddress!.ToString().TrimEnd('/');
        AssertPointsAt(mode, playUrl, server, publicBase);
        if (coverUrl.Contains("/defaults/", StringComparison.Ordinal))
            Assert.StartsWith($"{server}/media/defaults/", coverUrl); // no ffmpeg: the built-in placeholder
        else
            AssertPointsAt(mode, coverUrl, server, publicBase);
        Assert.StartsWith($"{server}/media/defaults/", avatarUrl); // built-in images always come from the server

        // And that a client gets the bytes there.
        using (var play = await FetchAsync(http, f, playUrl, publicBase))
        {
            Assert.Equal(HttpStatusCode.OK, play.StatusCode);
            Assert.Equal("video/mp4", play.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Fixture, await play.Content.ReadAsByteArrayAsync());
        }
        using (var part = await FetchAsync(http, f, playUrl, publicBase, new RangeHeaderValue(0, 99)))
        {
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal($"bytes 0-99/{Fixture.Length}", part.Content.Headers.ContentRange!.ToString());
            Assert.Equal(Fixture[..100], await part.Content.ReadAsByteArrayAsync());
        }
        using (var cover = await FetchAsync(http, f, coverUrl, publicBase))
        {
            Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
            Assert.Contains(cover.Content.Headers.ContentType?.MediaType, new[] { "image/jpeg", "image/png" });
            Assert.NotEmpty(await cover.Content.ReadAsByteArrayAsync());
        }
        using (var avatar = await FetchAsync(http, f, avatarUrl, publicBase))
            Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
    }

    private static void AssertPointsAt(string mode, string url, string server, string publicBase)
    {
        switch (mode)
        {
            case "Proxied":
                Assert.StartsWith($"{server}/media/", url);
                break;
            case "Public":
                Assert.StartsWith($"{publicBase}/", url);
                Assert.DoesNotContain("?", url);
                break;
            case "Presigned":
                Assert.StartsWith($"{S3TestServer.RequireEndpoint()}/{S3TestServer.Bucket}/", url);
                Assert.Contains("X-Amz-Signature=", url);
                Assert.Contains("X-Amz-Expires=604800", url);
                break;
        }
    }

    /// <summary>
    /// URLs on the test server go through its in-memory client; the local store's "CDN" is played by
    /// the server's own /media (its origin); anything else is fetched over the network.
    /// </summary>
    private async Task<HttpResponseMessage> FetchAsync(HttpClient server, TiktokFactory f, string url, string publicBase,
        RangeHeaderValue? range = null)
    {
        var target = url;
        var client = _outside;
        if (url.StartsWith(server.BaseAddress!.ToString(), StringComparison.Ordinal))
            client = server;
        else if (url.StartsWith("https://cdn.example.test/", StringComparison.Ordinal))
        {
            client = server;
            target = "/media/" + url[(publicBase.Length + 1)..];
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Range = range;
        return await client.SendAsync(request);
    }
}
