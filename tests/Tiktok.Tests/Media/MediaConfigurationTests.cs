using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Minio.DataModel.Args;
using Tiktok.Server.Media;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Media;

/// <summary>Choosing the store and URL mode: settings that cannot work stop the server with the reason.</summary>
public sealed class MediaConfigurationTests
{
    private static Exception StartFails(Dictionary<string, string?> settings)
    {
        using var f = new TiktokFactory(settings: settings);
        try
        {
            var error = Record.Exception(() => f.CreateClient());
            Assert.NotNull(error);
            return error;
        }
        finally
        {
            f.DeleteData();
        }
    }

    private static string Messages(Exception e) =>
        string.Join(" | ", new[] { e }.Concat(e is AggregateException a ? a.InnerExceptions : []).SelectMany(Chain).Select(x => x.Message));

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException) yield return x;
    }

    [Fact]
    public void An_unreachable_S3_server_stops_start_up_with_a_clear_reason()
    {
        var clock = Stopwatch.StartNew();
        var error = StartFails(new()
        {
            ["Tiktok:Media:Store"] = "S3",
            ["Tiktok:Media:S3:Endpoint"] = "http://127.0.0.1:1",
            ["Tiktok:Media:S3:AccessKey"] = "k",
            ["Tiktok:Media:S3:SecretKey"] = "s",
        });
        Assert.Contains("S3 media store unusable: bucket 'media' at http://127.0.0.1:1", Messages(error));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("S3", "Proxied", "", "Tiktok:Media:S3:Endpoint must be an http(s) URL")]
    [InlineData("Local", "Presigned", "", "UrlMode Presigned needs Tiktok:Media:Store S3")]
    [InlineData("Local", "Public", "", "UrlMode Public needs Tiktok:Media:PublicBaseUrl")]
    public void Settings_that_cannot_work_are_refused_at_start_up(string store, string mode, string publicBase, string expected)
    {
        var error = StartFails(new()
        {
            ["Tiktok:Media:Store"] = store,
            ["Tiktok:Media:UrlMode"] = mode,
            ["Tiktok:Media:PublicBaseUrl"] = publicBase,
        });
        Assert.Contains(expected, Messages(error));
    }

    [Fact]
    public void Presigned_urls_are_made_without_asking_the_server()
    {
        // Nothing listens on port 1: making a URL must not need the network.
        var options = Options.Create(new MediaOptions
        {
            Store = MediaStoreKind.S3,
            S3 = { Endpoint = "http://127.0.0.1:1", AccessKey = "k", SecretKey = "s", Bucket = "media" },
        });
        using var store = new S3MediaStore(options, NullLogger<S3MediaStore>.Instance);
        var clock = Stopwatch.StartNew();
        var url = store.PresignedGetUrl("videos/202601/abc.mp4", TimeSpan.FromHours(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.StartsWith("http://127.0.0.1:1/media/videos/202601/abc.mp4?", url);
        Assert.Contains("X-Amz-Expires=3600", url);
    }

    [S3Fact]
    public async Task A_missing_bucket_is_created_at_start_up()
    {
        var bucket = "tiktok-test-" + Guid.NewGuid().ToString("N")[..12];
        var settings = S3TestServer.Settings(bucket);
        using var f = new TiktokFactory(settings: settings);
        try
        {
            f.CreateClient();
            using var client = (IDisposable)S3TestServer.Client();
            Assert.True(await ((Minio.IMinioClient)client).BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket)));
            await ((Minio.IMinioClient)client).RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
        }
        finally
        {
            f.DeleteData();
        }
    }
}
