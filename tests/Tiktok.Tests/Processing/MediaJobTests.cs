using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Data;
using Tiktok.Core.Events;
using Tiktok.Core.Media;
using Tiktok.Core.Videos.Processing;
using Tiktok.Server.Media;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Media;

namespace Tiktok.Tests.Processing;

/// <summary>
/// Cover jobs: done once per video by the publishing instance, taken over after a crash by another
/// instance's worker, claimed once when workers race, and failed for good after the attempt cap.
/// </summary>
public sealed class MediaJobTests : IDisposable
{
    private static readonly byte[] Fixture = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"));
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 0xFF, 0xD9];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<TiktokFactory> _owners = [];
    private readonly List<TiktokFactory> _hosts = [];
    private readonly Dictionary<TiktokFactory, DatabaseOptions> _databases = [];

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        foreach (var owner in _owners) owner.DeleteData();
    }

    /// <summary>A host on a fresh database, or on <paramref name="sameDataAs"/>'s database and data directory (another instance).</summary>
    private TiktokFactory Host(string database, Dictionary<string, string?>? processing = null, Action<IServiceCollection>? configure = null,
        TiktokFactory? sameDataAs = null, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? []);
        foreach (var (k, v) in processing ?? []) settings[$"Tiktok:Processing:{k}"] = v;
        TiktokFactory host;
        if (sameDataAs is null)
        {
            host = new TiktokFactory(settings: settings, configure: configure, database: database);
            _owners.Add(host);
        }
        else
        {
            var db = _databases[sameDataAs];
            settings["Tiktok:Database:Provider"] = db.Provider;
            settings["Tiktok:Database:ConnectionString"] = db.ConnectionString;
            host = new TiktokFactory(dataDir: sameDataAs.DataDir, settings: settings, configure: configure);
        }
        _hosts.Add(host);
        _databases[host] = host.Services.GetRequiredService<IOptions<TiktokOptions>>().Value.Database; // and started
        return host;
    }

    /// <summary>No worker, no inline run: published jobs stay pending (an instance that dies right after the commit).</summary>
    private static readonly Dictionary<string, string?> Idle = new() { ["Worker"] = "false", ["InlineBudget"] = "00:00:00" };

    private static Dictionary<string, string?> Eager(int maxAttempts = 5) => new()
    {
        ["PollInterval"] = "00:00:00.050", ["RetryDelay"] = "00:00:00.020", ["MaxAttempts"] = maxAttempts.ToString(),
    };

    private static async Task<long> PublishAsync(HttpClient http, string token, string title = "clip")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent(title), "title" },
            { new ByteArrayContent(Fixture), "data", "clip.mp4" },
        };
        using var published = await http.PostAsync("/douyin/publish/action/", form);
        Assert.Equal(0, (await published.Content.ReadFromJsonAsync<JsonElement>()).Status());
        return await LatestVideoAsync(http, token);
    }

    private static async Task<long> LatestVideoAsync(HttpClient http, string token)
    {
        var feed = await http.GetJsonAsync($"/douyin/feed/?token={token}");
        return feed.GetProperty("video_list").EnumerateArray().First().GetProperty("id").GetInt64();
    }

    private static Task<List<MediaJob>> JobsAsync(TiktokFactory f) =>
        f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync());

    private static Task<Video> VideoAsync(TiktokFactory f, long id) =>
        f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.AsNoTracking().SingleAsync(v => v.Id == id));

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static async Task AssertJpegAsync(HttpClient http, string coverKey)
    {
        using var cover = await http.GetAsync($"/media/{coverKey}");
        Assert.Equal(System.Net.HttpStatusCode.OK, cover.StatusCode);
        Assert.Equal("image/jpeg", cover.Content.Headers.ContentType?.MediaType);
        var bytes = await cover.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8, "a JPEG starts with FF D8");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Publish_answers_with_its_cover_cut_by_exactly_one_done_job(string database)
    {
        var f = Host(database);
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();

        var id = await PublishAsync(http, token);

        var job = Assert.Single(await JobsAsync(f));
        Assert.Equal((id, MediaJobKinds.Cover, MediaJobStates.Done, 1), (job.VideoId, job.Kind, job.State, job.Attempts));
        Assert.Null(job.LeaseOwner);
        Assert.NotNull(job.FinishedAt);
        var video = await VideoAsync(f, id);
        if (!f.Services.GetRequiredService<IVideoInspector>().MakesCovers)
        {
            Assert.Equal(MediaKeys.PlaceholderCover, video.CoverKey); // no ffmpeg here
            return;
        }
        Assert.StartsWith("covers/", video.CoverKey);
        Assert.Equal(MediaJobProcessor.CoverKeyFor(id, video.PlayKey), video.CoverKey);
        await AssertJpegAsync(http, video.CoverKey);
        Assert.Contains(new VideoUpdated(id), f.Events.All);
        var listed = (await http.GetJsonAsync("/douyin/feed/")).GetProperty("video_list").EnumerateArray().First();
        Assert.EndsWith(video.CoverKey, listed.GetProperty("cover_url").GetString());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(f.DataDir, "processing")));
    }

    [S3Fact]
    public async Task On_S3_the_cover_is_cut_from_a_temporary_download_and_stored_in_the_bucket()
    {
        // About the S3 download and upload; the job's rows are covered on both databases above.
        var f = Host(TestDatabases.Sqlite, extra: S3TestServer.Settings());
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();

        var id = await PublishAsync(http, token);

        Assert.Equal(MediaJobStates.Done, Assert.Single(await JobsAsync(f)).State);
        var video = await VideoAsync(f, id);
        if (!f.Services.GetRequiredService<IVideoInspector>().MakesCovers) return;
        Assert.StartsWith("covers/", video.CoverKey);
        Assert.True(await S3TestServer.ExistsAsync(S3TestServer.Bucket, video.CoverKey));
        await AssertJpegAsync(http, video.CoverKey);

        // The download is a temporary file, deleted once read.
        await using (var local = await f.Services.GetRequiredService<IMediaSource>().FetchAsync(video.PlayKey, CancellationToken.None))
        {
            Assert.Equal(Fixture, await File.ReadAllBytesAsync(local.Path));
            var path = local.Path;
            await local.DisposeAsync();
            Assert.False(File.Exists(path));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_job_abandoned_by_a_crashed_instance_is_finished_by_another_instance_after_its_lease(string database)
    {
        var crashed = Host(database, Idle, configure: s => s.AddSingleton<IVideoInspector>(new ScriptedInspector()));
        var http = crashed.CreateClient();
        var (_, token) = await http.RegisterAsync();
        var id = await PublishAsync(http, token);
        Assert.Equal(MediaJobStates.Pending, Assert.Single(await JobsAsync(crashed)).State);

        // The instance claims the job and dies holding it: its lease runs out shortly.
        var claimed = await crashed.InScopeAsync(sp =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return sp.GetRequiredService<IMediaJobClaims>().ClaimAsync(null, "crashed-instance", now, now + 300, CancellationToken.None);
        });
        Assert.NotNull(claimed);
        Assert.Equal((id, 1), (claimed.VideoId, claimed.Attempts));
        // While the lease holds, nobody else can claim it.
        Assert.Null(await crashed.InScopeAsync(sp =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return sp.GetRequiredService<IMediaJobClaims>().ClaimAsync(null, "someone-else", now, now + 300, CancellationToken.None);
        }));
        crashed.Dispose();

        var inspector = new ScriptedInspector();
        var restarted = Host(database, Eager(), s => s.AddSingleton<IVideoInspector>(inspector), sameDataAs: crashed);
        await WaitForAsync(async () => (await JobsAsync(restarted)).Single().State == MediaJobStates.Done, "the job to be taken over");

        var job = Assert.Single(await JobsAsync(restarted));
        Assert.Equal(2, job.Attempts);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(1, Assert.Single(inspector.Calls).Value);
        var video = await VideoAsync(restarted, id);
        Assert.Equal(MediaJobProcessor.CoverKeyFor(id, video.PlayKey), video.CoverKey);
        await AssertJpegAsync(restarted.CreateClient(), video.CoverKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_instances_racing_over_the_same_pending_jobs_run_each_exactly_once(string database)
    {
        const int videos = 6;
        var publisher = Host(database, Idle, configure: s => s.AddSingleton<IVideoInspector>(new ScriptedInspector()));
        var http = publisher.CreateClient();
        var (_, token) = await http.RegisterAsync();
        for (var i = 0; i < videos; i++) await PublishAsync(http, token, $"clip {i}");
        Assert.All(await JobsAsync(publisher), j => Assert.Equal(MediaJobStates.Pending, j.State));
        publisher.Dispose();

        // Both instances share one counting inspector; each cover takes a while, so their polls overlap.
        var inspector = new ScriptedInspector(delay: TimeSpan.FromMilliseconds(100));
        var a = Host(database, Eager(), s => s.AddSingleton<IVideoInspector>(inspector), sameDataAs: publisher);
        var b = Host(database, Eager(), s => s.AddSingleton<IVideoInspector>(inspector), sameDataAs: publisher);
        await WaitForAsync(async () => (await JobsAsync(a)).All(j => j.State == MediaJobStates.Done), "every job to be done");

        var jobs = await JobsAsync(b);
        Assert.Equal(videos, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(1, j.Attempts));
        Assert.Equal(videos, inspector.Calls.Count);
        Assert.All(inspector.Calls, c => Assert.Equal(1, c.Value));
        var updates = a.Events.All.OfType<VideoUpdated>().Concat(b.Events.All.OfType<VideoUpdated>()).Select(e => e.VideoId).ToList();
        Assert.Equal(jobs.Select(j => j.VideoId).Order(), updates.Order());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_cover_that_keeps_failing_ends_as_failed_after_the_cap_and_the_video_stays_listed(string database)
    {
        var inspector = new ScriptedInspector(succeeds: false);
        var f = Host(database, Eager(maxAttempts: 3), s => s.AddSingleton<IVideoInspector>(inspector));
        var http = f.CreateClient();
        var (me, token) = await http.RegisterAsync();

        var id = await PublishAsync(http, token);
        await WaitForAsync(async () => (await JobsAsync(f)).Single().State == MediaJobStates.Failed, "the job to fail");

        var job = Assert.Single(await JobsAsync(f));
        Assert.Equal(3, job.Attempts);
        Assert.Contains("cover", job.LastError);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(3, Assert.Single(inspector.Calls).Value);
        Assert.Equal(MediaKeys.PlaceholderCover, (await VideoAsync(f, id)).CoverKey);
        var listed = (await http.GetJsonAsync($"/douyin/publish/list/?user_id={me}&token={token}")).GetProperty("video_list").EnumerateArray().Single();
        Assert.Equal(id, listed.GetProperty("id").GetInt64());
        Assert.Contains("/defaults/", listed.GetProperty("cover_url").GetString());
        // Failed is final: no more attempts.
        await Task.Delay(300);
        Assert.Equal(3, Assert.Single(inspector.Calls).Value);
    }

    /// <summary>
    /// Accepts uploads by signature and "cuts" a tiny JPEG without ffmpeg (or fails to), counting
    /// attempts per stored video file.
    /// </summary>
    private sealed class ScriptedInspector(bool succeeds = true, TimeSpan delay = default) : IVideoInspector
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new();
        public bool MakesCovers => true;

        public Task<VideoProbe> ProbeAsync(string localFile, CancellationToken ct) => VideoSignatures.ProbeAsync(localFile, ct);

        public async Task<bool> TryMakeCoverAsync(string localVideo, string coverFile, CancellationToken ct)
        {
            Calls.AddOrUpdate(localVideo, 1, (_, n) => n + 1);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
            if (!succeeds) return false;
            await File.WriteAllBytesAsync(coverFile, Jpeg, ct);
            return true;
        }
    }
}
