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
/// instance's worker, claimed once when workers race, and failed for good after the attempt cap; a job
/// longer than its lease keeps it by renewing, loses it only once its owner stops, and stops when taken over.
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
        ["PollInterval"] = "00:00:00.050",
        ["RetryDelay"] = "00:00:00.020",
        ["MaxAttempts"] = maxAttempts.ToString(),
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
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(f.DataDir, "processing")));
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
        await using (var local = await f.Services.GetRequiredService<IMediaSource>().FetchAsync(video.PlayKey, f.DataDir, CancellationToken.None))
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
    /// A short lease (renewed every second) so that a job outlives it within a test; not shorter, so that
    /// a loaded machine (timers late by a second or more while the whole suite runs) does not lose it.
    /// </summary>
    private const string ShortLease = "00:00:03";

    private static Dictionary<string, string?> With(Dictionary<string, string?> processing, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(processing);
        foreach (var (k, v) in more) settings[k] = v;
        return settings;
    }

    /// <summary>An instance that publishes one video and starts its job by hand, its cover cut by <paramref name="inspector"/>.</summary>
    private async Task<(TiktokFactory Host, long VideoId, Task<bool> Run)> StartSlowJobAsync(string database, BlockingInspector inspector)
    {
        var f = Host(database, With(Idle, ("LeaseDuration", ShortLease)), s => s.AddSingleton<IVideoInspector>(inspector));
        var http = f.CreateClient();
        var (_, token) = await http.RegisterAsync();
        var id = await PublishAsync(http, token);
        var run = f.Services.GetRequiredService<MediaJobRunner>().RunOneAsync(null, CancellationToken.None);
        await inspector.Started.Task.WaitAsync(Patience);
        return (f, id, run);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_job_running_longer_than_its_lease_renews_it_and_is_not_taken_over(string database)
    {
        var slow = new BlockingInspector();
        var (a, id, run) = await StartSlowJobAsync(database, slow);
        var owner = a.Services.GetRequiredService<MediaJobRunner>().Owner;

        // Another instance polls all the while; the job runs for more than two leases.
        var other = new ScriptedInspector();
        var b = Host(database, With(Eager(), ("LeaseDuration", ShortLease)), s => s.AddSingleton<IVideoInspector>(other), sameDataAs: a);
        await Task.Delay(TimeSpan.FromSeconds(7.5));

        var job = Assert.Single(await JobsAsync(b));
        Assert.Equal((MediaJobStates.Running, owner, 1), (job.State, job.LeaseOwner, job.Attempts));
        Assert.True(job.LeaseUntil > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "the lease was renewed past now");
        Assert.Empty(other.Calls);

        slow.Release.SetResult();
        Assert.True(await run.WaitAsync(Patience));
        job = Assert.Single(await JobsAsync(b));
        Assert.Equal((MediaJobStates.Done, 1), (job.State, job.Attempts));
        Assert.Equal(1, slow.Calls);
        Assert.Empty(other.Calls);
        Assert.Equal(MediaJobProcessor.CoverKeyFor(id, (await VideoAsync(b, id)).PlayKey), (await VideoAsync(b, id)).CoverKey);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_job_whose_owner_stops_renewing_is_taken_over_once_its_lease_runs_out(string database)
    {
        // The cover hangs and ignores cancellation: the owner neither finishes nor cleans up, as in a crash.
        var frozen = new BlockingInspector(ignoresCancellation: true);
        var (a, id, _) = await StartSlowJobAsync(database, frozen);
        var owner = a.Services.GetRequiredService<MediaJobRunner>().Owner;
        var jobId = Assert.Single(await JobsAsync(a)).Id;
        var crashedWork = Leftovers.WorkDirFor(a.Services.GetRequiredService<IOptions<TiktokOptions>>().Value, jobId, 1, owner);
        Assert.True(File.Exists(Path.Combine(crashedWork, "cover.jpg")), "the half-cut cover is in the attempt's work folder");

        // The owner's process goes away mid-job: its renewals stop, the lease is not released.
        a.Dispose();

        // The job is left running under the gone owner, with its last renewed lease.
        var observer = Host(database, Idle, sameDataAs: a);
        var held = Assert.Single(await JobsAsync(observer));
        Assert.Equal((MediaJobStates.Running, owner, 1), (held.State, held.LeaseOwner, held.Attempts));

        var other = new ScriptedInspector();
        var b = Host(database, With(Eager(), ("LeaseDuration", ShortLease), ("SweepInterval", "00:00:00.100")),
            s => s.AddSingleton<IVideoInspector>(other), sameDataAs: a);
        await WaitForAsync(async () => (await JobsAsync(b)).Single().State == MediaJobStates.Done, "the job to be taken over");

        var job = Assert.Single(await JobsAsync(b));
        Assert.Equal(2, job.Attempts);
        Assert.True(job.FinishedAt >= held.LeaseUntil, "taken over only after the last renewed lease ran out");
        Assert.Equal(1, frozen.Calls);
        Assert.Equal(1, Assert.Single(other.Calls).Value);
        Assert.Equal(MediaJobProcessor.CoverKeyFor(id, (await VideoAsync(b, id)).PlayKey), (await VideoAsync(b, id)).CoverKey);

        // The crashed attempt's work folder is swept now that no running job owns it.
        await WaitForAsync(() => Task.FromResult(!Directory.Exists(crashedWork)), "the crashed attempt's work folder to be swept");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(a.DataDir, "processing")));
        frozen.Release.SetResult();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_job_taken_over_while_it_runs_is_cancelled_locally_and_not_committed(string database)
    {
        var slow = new BlockingInspector();
        var (a, id, run) = await StartSlowJobAsync(database, slow);

        // Another instance took the job over (this one stalled past its lease, say).
        var takeover = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
        Assert.Equal(1, await a.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaJobs
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, "other-instance").SetProperty(j => j.LeaseUntil, takeover))));

        // The next renewal finds out and cancels the work here.
        await slow.Cancelled.Task.WaitAsync(Patience);
        Assert.True(await run.WaitAsync(Patience));
        var job = Assert.Single(await JobsAsync(a));
        Assert.Equal((MediaJobStates.Running, "other-instance", takeover, 1), (job.State, job.LeaseOwner, job.LeaseUntil, job.Attempts));
        Assert.Null(job.LastError);
        Assert.Equal(MediaKeys.PlaceholderCover, (await VideoAsync(a, id)).CoverKey);
        Assert.DoesNotContain(new VideoUpdated(id), a.Events.All);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Leftovers_of_crashed_jobs_and_uploads_are_swept_at_start_up_and_live_work_is_kept(string database)
    {
        var a = Host(database, Idle);
        var http = a.CreateClient();
        var (_, token) = await http.RegisterAsync();
        await PublishAsync(http, token);
        var settings = a.Services.GetRequiredService<IOptions<TiktokOptions>>().Value;
        var claimed = await a.InScopeAsync(sp =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return sp.GetRequiredService<IMediaJobClaims>().ClaimAsync(null, "live-instance", now, now + 600_000, CancellationToken.None);
        });
        Assert.NotNull(claimed);
        var old = DateTime.UtcNow.AddDays(-2);

        // A running job's work folder: kept however old it is.
        var live = Leftovers.WorkDirFor(settings, claimed.Id, claimed.Attempts, "live-instance");
        var liveFile = Touch(Path.Combine(live, "cover.jpg"), old);
        Directory.SetLastWriteTimeUtc(live, old);
        // The same job's folder from an attempt of another (crashed) owner, and a job that no longer exists: removed however new.
        var takenOver = Leftovers.WorkDirFor(settings, claimed.Id, claimed.Attempts, "crashed-instance");
        Touch(Path.Combine(takenOver, "download-1.mp4"), DateTime.UtcNow);
        var gone = Leftovers.WorkDirFor(settings, claimed.Id + 1000, 1, "crashed-instance");
        Touch(Path.Combine(gone, "cover.jpg"), DateTime.UtcNow);
        // Anything else in the processing folder (the old layout's loose files), and upload staging files: by age.
        var oldLoose = Touch(Path.Combine(settings.ProcessingDir, "0badc0de.jpg"), DateTime.UtcNow.AddHours(-2));
        var newLoose = Touch(Path.Combine(settings.ProcessingDir, "0fresh00.jpg"), DateTime.UtcNow);
        var deadUpload = Touch(Path.Combine(settings.UploadDir, "dead.part"), DateTime.UtcNow.AddHours(-2));
        var receiving = Touch(Path.Combine(settings.UploadDir, "receiving.part"), DateTime.UtcNow);

        // Another instance starts on the same data directory (worker off: the sweep runs anyway).
        Host(database, Idle, sameDataAs: a);
        await WaitForAsync(() => Task.FromResult(!File.Exists(deadUpload) && !Directory.Exists(gone)), "the start-up sweep");

        Assert.False(Directory.Exists(takenOver));
        Assert.False(File.Exists(oldLoose));
        Assert.True(File.Exists(liveFile));
        Assert.True(File.Exists(newLoose));
        Assert.True(File.Exists(receiving));
        var job = Assert.Single(await JobsAsync(a));
        Assert.Equal((MediaJobStates.Running, "live-instance"), (job.State, job.LeaseOwner));

        // Once the job is no longer running under that owner and attempt, its folder goes on the next sweep.
        await a.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().MediaJobs
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, "someone-else")));
        Assert.Equal(1, await a.InScopeAsync(sp => sp.GetRequiredService<Leftovers>().SweepAsync(CancellationToken.None)));
        Assert.False(Directory.Exists(live));
        Assert.True(File.Exists(newLoose));
        Assert.True(File.Exists(receiving));
    }

    private static string Touch(string path, DateTime lastWriteUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Jpeg);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }

    /// <summary>
    /// Starts a cover (writing part of it) and waits until released or cancelled, to stand for a job
    /// longer than its lease; one that ignores cancellation stands for a frozen or crashed process.
    /// </summary>
    private sealed class BlockingInspector(bool ignoresCancellation = false) : IVideoInspector
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool MakesCovers => true;

        public Task<VideoProbe> ProbeAsync(string localFile, CancellationToken ct) => VideoSignatures.ProbeAsync(localFile, ct);

        public async Task<bool> TryMakeCoverAsync(string localVideo, string coverFile, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            await File.WriteAllBytesAsync(coverFile, Jpeg[..4], CancellationToken.None);
            Started.TrySetResult();
            try
            {
                await (ignoresCancellation ? Release.Task : Release.Task.WaitAsync(ct));
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
            await File.WriteAllBytesAsync(coverFile, Jpeg, ct);
            return true;
        }
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
