using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Media;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Media;

/// <summary>
/// The same storage contract against the local directory and the S3 server, through the real host:
/// put, GET in full and by Range, HEAD, conditional GET, content types, delete.
/// </summary>
public sealed class MediaStorageTests : IDisposable
{
    private static readonly string Prefix = $"tests/{Guid.NewGuid():N}";
    private readonly List<TiktokFactory> _hosts = [];

    private TiktokFactory Host(string store)
    {
        var host = S3TestServer.Host(store);
        _hosts.Add(host);
        return host;
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
            host.DeleteData();
        }
    }

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task A_stored_video_is_served_in_full_by_range_and_by_head(string store)
    {
        var f = Host(store);
        var http = f.CreateClient();
        var bytes = RandomBytes(300_000);
        var key = $"{Prefix}/{store.ToLowerInvariant()}-full/clip.mp4";
        await PutAsync(f, key, bytes, "video/mp4");

        using var full = await http.GetAsync($"/media/{key}");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("video/mp4", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, full.Content.Headers.ContentLength);
        Assert.Equal(bytes, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", Assert.Single(full.Headers.AcceptRanges));
        Assert.NotNull(full.Headers.ETag);
        Assert.NotNull(full.Content.Headers.LastModified);
        Assert.Contains("immutable", full.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.Equal(TimeSpan.FromDays(365), full.Headers.CacheControl.MaxAge);

        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/media/{key}");
        rangeRequest.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var range = await http.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal($"bytes 1000-1999/{bytes.Length}", range.Content.Headers.ContentRange!.ToString());
        Assert.Equal(1000, range.Content.Headers.ContentLength);
        Assert.Equal(bytes[1000..2000], await range.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", range.Content.Headers.ContentType?.MediaType);

        using var tailRequest = new HttpRequestMessage(HttpMethod.Get, $"/media/{key}");
        tailRequest.Headers.Range = new RangeHeaderValue(bytes.Length - 500, null);
        using var tail = await http.SendAsync(tailRequest);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal($"bytes {bytes.Length - 500}-{bytes.Length - 1}/{bytes.Length}", tail.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[^500..], await tail.Content.ReadAsByteArrayAsync());

        using var pastEndRequest = new HttpRequestMessage(HttpMethod.Get, $"/media/{key}");
        pastEndRequest.Headers.Range = new RangeHeaderValue(bytes.Length + 10, bytes.Length + 20);
        using var pastEnd = await http.SendAsync(pastEndRequest);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, pastEnd.StatusCode);
        Assert.Equal($"bytes */{bytes.Length}", pastEnd.Content.Headers.ContentRange?.ToString());

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/media/{key}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal("video/mp4", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(full.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/media/{key}");
        conditional.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        using var notModified = await http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task Each_object_keeps_its_content_type(string store)
    {
        var f = Host(store);
        var http = f.CreateClient();
        foreach (var (name, type) in new[] { ("cover.jpg", "image/jpeg"), ("clip.webm", "video/webm"), ("clip.mov", "video/quicktime"), ("pic.png", "image/png") })
        {
            var key = $"{Prefix}/{store.ToLowerInvariant()}-types/{name}";
            var bytes = RandomBytes(2_000);
            await PutAsync(f, key, bytes, type);
            using var response = await http.GetAsync($"/media/{key}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task Put_takes_the_staged_file_and_delete_removes_the_object(string store)
    {
        var f = Host(store);
        var http = f.CreateClient();
        var key = $"{Prefix}/{store.ToLowerInvariant()}-delete/clip.mp4";
        var staged = Path.Combine(f.DataDir, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
        await File.WriteAllBytesAsync(staged, RandomBytes(10_000));
        var media = f.Services.GetRequiredService<IMediaStore>();
        await media.PutAsync(key, staged, "video/mp4", CancellationToken.None);
        Assert.False(File.Exists(staged), "the staged upload should be gone once stored");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/media/{key}")).StatusCode);

        await media.DeleteAsync(key, CancellationToken.None);
        using var gone = await http.GetAsync($"/media/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("no-store", gone.Headers.CacheControl?.ToString());
        using var goneHead = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/media/{key}"));
        Assert.Equal(HttpStatusCode.NotFound, goneHead.StatusCode);
        // Deleting what is not there is not an error (a failed publish cleans up best-effort).
        await media.DeleteAsync(key, CancellationToken.None);
    }

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task Unknown_and_malformed_keys_are_404_and_built_in_images_are_always_served(string store)
    {
        var f = Host(store);
        var http = f.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/media/{Prefix}/nothing-here.mp4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/media/videos/..%2F..%2Fsecret")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/media/Videos/UPPER.mp4")).StatusCode);
        foreach (var key in new[] { "defaults/avatar.png", "defaults/background.png", "defaults/cover.png" })
        {
            using var response = await http.GetAsync($"/media/{key}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [S3Fact]
    public async Task A_large_video_goes_up_in_parts_and_comes_back_whole()
    {
        var f = Host(S3TestServer.S3);
        var http = f.CreateClient();
        var bytes = RandomBytes(12 * 1024 * 1024 + 123);
        var key = $"{Prefix}/s3-large/clip.mp4";
        await PutAsync(f, key, bytes, "video/mp4");
        using var full = await http.GetAsync($"/media/{key}");
        Assert.Equal(bytes, await full.Content.ReadAsByteArrayAsync());
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/media/{key}");
        rangeRequest.Headers.Range = new RangeHeaderValue(6 * 1024 * 1024 - 10, 6 * 1024 * 1024 + 9);
        using var range = await http.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(bytes[(6 * 1024 * 1024 - 10)..(6 * 1024 * 1024 + 10)], await range.Content.ReadAsByteArrayAsync());
    }

    internal static async Task PutAsync(TiktokFactory f, string key, byte[] bytes, string contentType)
    {
        var staged = Path.Combine(f.DataDir, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
        await File.WriteAllBytesAsync(staged, bytes);
        await f.Services.GetRequiredService<IMediaStore>().PutAsync(key, staged, contentType, CancellationToken.None);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
