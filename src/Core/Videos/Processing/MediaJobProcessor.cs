using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Events;
using Tiktok.Core.Media;

namespace Tiktok.Core.Videos.Processing;

/// <summary>
/// Runs one media job: claim it under a lease, do the work, and commit the result only while still
/// holding the lease (owner token and state running), so a job is committed at most once even when a
/// lease expired and another instance took it over. Outputs have keys fixed per video, so a repeated
/// execution overwrites the same object. While the work runs the lease is renewed (<see cref="LeaseHeartbeat"/>),
/// so only a stalled or dead owner loses it. A failed attempt is retried later, up to
/// <see cref="ProcessingOptions.MaxAttempts"/>, then the job ends as failed.
/// </summary>
public sealed class MediaJobProcessor(
    IMediaJobClaims claims,
    IServiceScopeFactory scopes,
    Writes writes,
    TiktokDbContext db,
    IMediaSource source,
    IMediaStore store,
    IVideoInspector inspector,
    TimeProvider clock,
    IOptions<ProcessingOptions> options,
    IOptions<TiktokOptions> tiktok,
    MediaPurge purge,
    ILogger<MediaJobProcessor> logger)
{
    /// <summary>The cover key this run is cutting, once known (to discard it if its video is deleted meanwhile).</summary>
    private string? _plannedCover;

    /// <summary>Claims and runs one job (the given one, or the oldest claimable); false when there was none to claim.</summary>
    public async Task<bool> RunOneAsync(long? jobId, string owner, CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var job = await claims.ClaimAsync(jobId, owner, now, now + (long)settings.LeaseDuration.TotalMilliseconds, ct);
        if (job is null) return false;

        using var _ = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["VideoId"] = job.VideoId, ["JobKind"] = job.Kind });
        if (job.Attempts > settings.MaxAttempts)
        {
            // Instances died while holding it (or it was claimed past the cap): give up for good.
            await FailAsync(job, owner, $"abandoned after {job.Attempts - 1} attempts", ct);
            return true;
        }
        logger.LogInformation("Media job {JobId} ({JobKind}) for video {VideoId} claimed, attempt {Attempt}", job.Id, job.Kind, job.VideoId, job.Attempts);
        string? coverKey;
        // Renewed while the work runs, so a job longer than the lease is not taken over; cancels the
        // work if it was taken over anyway. Stopped before committing or failing: those end the lease.
        var heartbeat = new LeaseHeartbeat(job.Id, owner, scopes, clock, settings, logger, ct);
        try
        {
            try
            {
                coverKey = job.Kind switch
                {
                    MediaJobKinds.Cover => await CutCoverAsync(job, owner, heartbeat.Token),
                    _ => throw new InvalidOperationException($"unknown job kind '{job.Kind}'"),
                };
            }
            finally
            {
                await heartbeat.DisposeAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the lease expires and another instance (or this one after a restart) takes over.
            logger.LogInformation("Media job {JobId} abandoned on shutdown; it will be taken over when its lease expires", job.Id);
            throw;
        }
        catch (Exception ex) when (heartbeat.Lost)
        {
            // Whatever the cancelled work threw: the job is another instance's now (or its video was
            // deleted, the job row with it), nothing to record.
            logger.LogInformation("Media job {JobId} stopped here after being taken over ({Error})", job.Id, ex.Message);
            await DiscardIfDeletedAsync(job, ct);
            return true;
        }
        catch (Exception ex)
        {
            await FailAsync(job, owner, ex.Message, ct);
            return true;
        }

        List<long> orphaned = [];
        var committed = await writes.RunAsync(async w =>
        {
            var held = await w.Db.MediaJobs
                .Where(j => j.Id == job.Id && j.State == MediaJobStates.Running && j.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, MediaJobStates.Done)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LastError, (string?)null)
                    .SetProperty(j => j.FinishedAt, w.Now), ct);
            if (held == 0)
            {
                // Taken over, or its video deleted meanwhile (the job row went with it): a cover just
                // stored for a deleted video would be left behind, so it is queued for removal.
                if (coverKey is not null && !await w.Db.Videos.AnyAsync(v => v.Id == job.VideoId, ct))
                    orphaned = MediaPurge.Enqueue(w, [coverKey]).Select(d => d.Id).ToList();
                return false;
            }
            if (coverKey is not null)
            {
                // Through the change tracker, so that EffectRules see the video change (VideoUpdated, its card and the feed page drop).
                if (await w.Db.Videos.FirstOrDefaultAsync(v => v.Id == job.VideoId, ct) is { } video) video.CoverKey = coverKey;
            }
            return true;
        }, ct);
        if (orphaned.Count > 0)
        {
            logger.LogInformation("Media job {JobId}: video {VideoId} was deleted while its cover was cut; the cover is removed", job.Id, job.VideoId);
            await purge.RunAsync(orphaned, ct);
            return true;
        }
        if (committed)
            logger.LogInformation("Media job {JobId} done: video {VideoId} cover {CoverKey}", job.Id, job.VideoId, coverKey ?? MediaKeys.PlaceholderCover);
        else
            logger.LogWarning("Media job {JobId} finished after its lease passed to another instance; its result was not committed", job.Id);
        return true;
    }

    /// <summary>
    /// The work stopped because the job row is gone: if its video was deleted, the cover this attempt may
    /// have stored already is queued for removal (the deletion queued the same key, but may have run first).
    /// </summary>
    private async Task DiscardIfDeletedAsync(ClaimedJob job, CancellationToken ct)
    {
        if (_plannedCover is not { } coverKey) return;
        var queued = await writes.RunAsync(async w =>
            await w.Db.Videos.AnyAsync(v => v.Id == job.VideoId, ct) ? [] : MediaPurge.Enqueue(w, [coverKey]).Select(d => d.Id).ToList(), ct);
        await purge.RunAsync(queued, ct);
    }

    /// <summary>The cover's key, fixed per video: a repeated execution overwrites the same object.</summary>
    public static string CoverKeyFor(long videoId, string playKey) =>
        playKey.StartsWith("videos/", StringComparison.Ordinal)
            ? "covers/" + Path.ChangeExtension(playKey["videos/".Length..], ".jpg")
            : $"covers/video-{videoId}.jpg";

    /// <summary>
    /// Cuts and stores the cover; null when covers cannot be cut here (no ffmpeg): the placeholder stays.
    /// Its temporary files (an S3 download, the cut cover) live in the attempt's own work folder, removed
    /// when the attempt ends; after a crash, <see cref="Leftovers"/> removes it once no running job owns it.
    /// </summary>
    private async Task<string?> CutCoverAsync(ClaimedJob job, string owner, CancellationToken ct)
    {
        var video = await db.Videos.AsNoTracking().Where(v => v.Id == job.VideoId)
            .Select(v => new { v.PlayKey }).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"video {job.VideoId} does not exist");
        if (!inspector.MakesCovers) return null;

        var coverKey = CoverKeyFor(job.VideoId, video.PlayKey);
        _plannedCover = coverKey;
        var workDir = Leftovers.WorkDirFor(tiktok.Value, job.Id, job.Attempts, owner);
        Directory.CreateDirectory(workDir);
        try
        {
            await using var local = await source.FetchAsync(video.PlayKey, workDir, ct);
            var coverFile = Path.Combine(workDir, "cover.jpg");
            if (!await inspector.TryMakeCoverAsync(local.Path, coverFile, ct))
                throw new InvalidOperationException("ffmpeg could not cut a cover");
            await store.PutAsync(coverKey, coverFile, "image/jpeg", ct);
            return coverKey;
        }
        finally
        {
            try { Directory.Delete(workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task FailAsync(ClaimedJob job, string owner, string error, CancellationToken ct)
    {
        var settings = options.Value;
        var final = job.Attempts >= settings.MaxAttempts;
        var message = error.Length > 500 ? error[..500] : error;
        var held = await writes.RunAsync(async w =>
        {
            var retryAt = w.Now + (long)(settings.RetryDelay.TotalMilliseconds * job.Attempts);
            return await w.Db.MediaJobs
                .Where(j => j.Id == job.Id && j.State == MediaJobStates.Running && j.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, final ? MediaJobStates.Failed : MediaJobStates.Pending)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseUntil, final ? 0 : retryAt)
                    .SetProperty(j => j.LastError, message)
                    .SetProperty(j => j.FinishedAt, final ? w.Now : (long?)null), ct);
        }, ct);
        if (held == 0)
            logger.LogWarning("Media job {JobId} failed ({Error}) after its lease passed to another instance", job.Id, message);
        else if (final)
            logger.LogError("Media job {JobId} ({JobKind}) for video {VideoId} failed for good after {Attempts} attempts: {Error}; the video keeps the placeholder cover",
                job.Id, job.Kind, job.VideoId, job.Attempts, message);
        else
            logger.LogWarning("Media job {JobId} attempt {Attempt} failed: {Error}; retried later", job.Id, job.Attempts, message);
    }
}
