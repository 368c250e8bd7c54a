using Minio;
using Minio.DataModel.Args;
using Tiktok.Server.Seeding;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Media;

/// <summary>
/// The <c>seed</c> command stores its clip and cover through the configured media store, so a server
/// on the seeded data directory (and the same store) plays the seeded videos: on S3 as well as locally.
/// </summary>
public sealed class SeedMediaTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4");

    [Theory]
    [InlineData(S3TestServer.Local)]
    [S3Data]
    public async Task Seeded_videos_play_from_the_configured_store(string store)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        // A bucket of its own (created by the seed), so the fixed seed keys meet no other test's.
        var bucket = "tiktok-seed-" + Guid.NewGuid().ToString("N")[..12];
        var settings = store == S3TestServer.S3 ? S3TestServer.Settings(bucket) : [];
        try
        {
            string[] args =
            [
                "--users", "3", "--videos", "4", "--data-dir", dataDir, "--clip", FixturePath, "--plain",
                "--Tiktok:PasswordWorkFactor=4", .. settings.Select(s => $"--{s.Key}={s.Value}"),
            ];
            Assert.Equal(0, await SeedCommand.RunAsync(args));
            // On S3 nothing is written to the local media folder: the bucket has it all.
            Assert.Equal(store == S3TestServer.Local, Directory.Exists(Path.Combine(dataDir, "media")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(dataDir, "processing")));

            using var server = new TiktokFactory(dataDir: dataDir, settings: settings);
            var http = server.CreateClient();
            var videos = (await http.GetJsonAsync("/douyin/feed/")).GetProperty("video_list").EnumerateArray().ToList();
            Assert.Equal(4, videos.Count);
            var playUrl = new Uri(videos[0].GetProperty("play_url").GetString()!);
            Assert.EndsWith("/media/" + SeedMedia.PlayKey, playUrl.AbsolutePath);

            using (var play = await http.GetAsync(playUrl.PathAndQuery))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, play.StatusCode);
                Assert.Equal("video/mp4", play.Content.Headers.ContentType?.MediaType);
                Assert.Equal(await File.ReadAllBytesAsync(FixturePath), await play.Content.ReadAsByteArrayAsync());
            }

            var coverUrl = new Uri(videos[0].GetProperty("cover_url").GetString()!);
            using (var cover = await http.GetAsync(coverUrl.PathAndQuery))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, cover.StatusCode);
                var bytes = await cover.Content.ReadAsByteArrayAsync();
                if (coverUrl.AbsolutePath.EndsWith(SeedMedia.CoverKey, StringComparison.Ordinal))
                    Assert.True(bytes is [0xFF, 0xD8, ..], "the cut cover is a JPEG");
                else
                    Assert.Contains("/defaults/", coverUrl.AbsolutePath); // no ffmpeg here: the placeholder
            }
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
            if (store == S3TestServer.S3) await DropBucketAsync(bucket);
        }
    }

    private static async Task DropBucketAsync(string bucket)
    {
        using var owned = (IDisposable)S3TestServer.Client();
        var client = (IMinioClient)owned;
        try
        {
            foreach (var key in new[] { SeedMedia.PlayKey, SeedMedia.CoverKey })
                await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key));
            await client.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
        }
        catch (Minio.Exceptions.MinioException) { } // best effort: the bucket is unique to this run
    }
}
