using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Media;
using Tiktok.Core.Validation;

namespace Tiktok.Core.Videos;

/// <summary>
/// Publishing: probe the staged upload, cut a cover, move both into the store, then insert the row.
/// When it answers, the video is in its author's list and the feed; when it fails, no row and no file remain.
/// </summary>
public sealed class Publishing(Writes writes, IMediaStore store, IVideoInspector inspector, ILogger<Publishing> logger)
{
    public async Task<long> PublishAsync(long authorId, string? title, StagedUpload upload, CancellationToken ct)
    {
        var cleanTitle = TextRules.Title("title", title, Limits.TitleMax);
        var probe = await inspector.ProbeAsync(upload.Path, ct);
        if (!probe.IsVideo) throw DomainErrors.NotAVideo(probe.Problem ?? "unknown format");

        var name = Guid.NewGuid().ToString("N");
        var month = DateTime.UtcNow.ToString("yyyyMM");
        var playKey = $"videos/{month}/{name}{probe.Extension}";
        var coverKey = MediaKeys.PlaceholderCover;
        var coverFile = upload.Path + ".jpg";
        var stored = new List<string>();
        try
        {
            if (inspector.MakesCovers && await inspector.TryMakeCoverAsync(upload.Path, coverFile, ct))
            {
                coverKey = $"covers/{month}/{name}.jpg";
                await store.PutAsync(coverKey, coverFile, "image/jpeg", ct);
                stored.Add(coverKey);
            }
            await store.PutAsync(playKey, upload.Path, probe.ContentType, ct);
            stored.Add(playKey);

            return await writes.RunAsync(async w =>
            {
                await w.Db.RequireUserAsync(authorId, ct);
                await w.SequenceAsync("videos", ct);
                var video = new Video
                {
                    AuthorId = authorId, Title = cleanTitle, PlayKey = playKey, CoverKey = coverKey,
                    CreatedAt = await w.NextVideoTimeAsync(ct),
                };
                w.Db.Videos.Add(video);
                await w.Db.SaveChangesAsync(ct);
                await w.Db.Users.Where(u => u.Id == authorId)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.WorkCount, u => u.WorkCount + 1), ct);
                w.Raise(new VideoPublished(video.Id, authorId, video.CreatedAt));
                return video.Id;
            }, ct);
        }
        catch (Exception ex)
        {
            foreach (var key in stored)
            {
                try { await store.DeleteAsync(key, CancellationToken.None); }
                catch (Exception cleanup) { logger.LogError(cleanup, "Could not remove {Key} after a failed publish", key); }
            }
            if (ex is DomainException) throw;
            logger.LogError(ex, "Publishing for user {UserId} failed", authorId);
            throw DomainErrors.StorageFailed();
        }
        finally
        {
            File.Delete(coverFile);
        }
    }
}
