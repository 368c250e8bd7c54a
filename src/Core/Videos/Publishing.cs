using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;
using Tiktok.Core.Validation;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Core.Videos;

/// <summary>
/// Publishing: probe the staged upload, move it into the store, then insert the row together with a
/// cover job (src/Core/Videos/Processing). The cover is cut after the commit, by this instance right
/// away (publish waits for it up to <see cref="ProcessingOptions.InlineBudget"/>) or, if that runs out or
/// the instance dies, by any instance's worker; until then the video shows the placeholder cover.
/// When it answers, the video is in its author's list and the feed; when it fails, no row and no file remain.
/// </summary>
public sealed class Publishing(Writes writes, IMediaStore store, IVideoInspector inspector, MediaJobRunner jobs, TransientFailures transient,
    ILogger<Publishing> logger)
{
    public async Task<long> PublishAsync(long authorId, string? title, StagedUpload upload, CancellationToken ct)
    {
        var cleanTitle = TextRules.Title(Field.Title, title, Limits.TitleMax);
        var probe = await inspector.ProbeAsync(upload.Path, ct);
        if (!probe.IsVideo) throw DomainErrors.NotAVideo(probe.Problem ?? "unknown format");

        var name = Guid.NewGuid().ToString("N");
        var month = DateTime.UtcNow.ToString("yyyyMM", CultureInfo.InvariantCulture);
        var playKey = $"videos/{month}/{name}{probe.Extension}";
        var stored = false;
        (long VideoId, long JobId) published;
        try
        {
            await store.PutAsync(playKey, upload.Path, probe.ContentType, ct);
            stored = true;

            published = await writes.RunAsync(async w =>
            {
                await w.Db.RequireUserAsync(authorId, ct);
                await w.SequenceAsync("videos", ct);
                var video = new Video
                {
                    AuthorId = authorId,
                    Title = cleanTitle,
                    PlayKey = playKey,
                    CoverKey = MediaKeys.PlaceholderCover,
                    CreatedAt = await w.NextVideoTimeAsync(ct),
                };
                w.Db.Videos.Add(video);
                await w.Db.SaveChangesAsync(ct);
                var job = new MediaJob { VideoId = video.Id, Kind = MediaJobKinds.Cover, CreatedAt = w.Now };
                w.Db.MediaJobs.Add(job);
                await w.Db.SaveChangesAsync(ct);
                await w.ShiftAsync<User>(authorId, u => u.WorkCount, +1, ct);
                return (video.Id, job.Id);
            }, ct);
        }
        catch (Exception ex)
        {
            if (stored)
            {
                try { await store.DeleteAsync(playKey, CancellationToken.None); }
                catch (Exception cleanup) { logger.LogError(cleanup, "Could not remove {Key} after a failed publish", playKey); }
            }
            if (ex is DomainException) throw;
            // Stored, then the database failed: Unavailable. (A store that failed stays StorageFailed.)
            if (stored && transient.Is(ex))
            {
                logger.LogWarning("Publishing for user {UserId} failed: the database is unavailable ({Error})", authorId, ex.GetBaseException().Message);
                throw DomainErrors.Unavailable();
            }
            logger.LogError(ex, "Publishing for user {UserId} failed", authorId);
            throw DomainErrors.StorageFailed();
        }

        // Committed: the cover job is durable, so waiting for it is a courtesy that never fails the publish.
        await jobs.RunSoonAsync(published.JobId, ct);
        return published.VideoId;
    }
}
