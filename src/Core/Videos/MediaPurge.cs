using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Media;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Core.Videos;

/// <summary>
/// Removes media objects that a committed transaction made unused (a deleted video's file and cover).
/// The transaction writes one <see cref="MediaDeletion"/> row per object; after the commit the
/// deleting request removes them from the store at once, and a row whose removal failed (the store
/// down) stays and is retried by every instance's media worker (<see cref="RunDueAsync"/>) with a
/// growing delay until it succeeds. Removing an object is idempotent, so two instances racing for
/// one row do no harm. The database is never made to wait for the store.
/// </summary>
public sealed class MediaPurge(TiktokDbContext db, Writes writes, IMediaStore store, TimeProvider clock,
    IOptions<ProcessingOptions> options, ILogger<MediaPurge> logger)
{
    /// <summary>Rows handled in one pass.</summary>
    public const int Batch = 50;

    /// <summary>The longest wait between two attempts of one row.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>The store objects of <paramref name="video"/>: its file, its cover, and the cover its job writes (which may not be committed yet).</summary>
    public static IReadOnlyList<string> KeysOf(Video video) =>
        new[] { video.PlayKey, video.CoverKey, MediaJobProcessor.CoverKeyFor(video.Id, video.PlayKey) }
            .Where(k => !IsBuiltIn(k)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The server's own images (<c>defaults/…</c>), shared by every video and user: never removed.</summary>
    public static bool IsBuiltIn(string key) => key.StartsWith("defaults/", StringComparison.Ordinal);

    /// <summary>Inside a write: records <paramref name="keys"/> for removal once the action commits.</summary>
    public static List<MediaDeletion> Enqueue(WriteContext w, IEnumerable<string> keys)
    {
        var rows = keys.Where(k => !IsBuiltIn(k))
            .Select(k => new MediaDeletion { Key = k, CreatedAt = w.Now, NextAttemptAt = w.Now }).ToList();
        w.Db.MediaDeletions.AddRange(rows);
        return rows;
    }

    /// <summary>After the commit: removes the objects of these rows now; a failure leaves the row to the worker. Never throws.</summary>
    public async Task RunAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        try
        {
            var keys = ids.ToArray();
            var rows = await db.MediaDeletions.AsNoTracking().Where(d => keys.Contains(d.Id)).ToListAsync(CancellationToken.None);
            await PurgeAsync(rows, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Committed either way: the rows wait for the worker.
            logger.LogWarning("Media objects of a deletion are left to the media worker: {Error}", ex.GetBaseException().Message);
        }
    }

    /// <summary>One pass over the rows due now (the worker's); the number handled.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await db.MediaDeletions.AsNoTracking().Where(d => d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(Batch).ToListAsync(ct);
        await PurgeAsync(rows, ct);
        return rows.Count;
    }

    private async Task PurgeAsync(List<MediaDeletion> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var done = new List<long>();
        var failed = new List<(MediaDeletion Row, string Error)>();
        foreach (var row in rows)
        {
            try
            {
                await store.DeleteAsync(row.Key, ct);
                done.Add(row.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed.Add((row, ex.GetBaseException().Message));
            }
        }
        var retry = options.Value.RetryDelay;
        await writes.RunAsync(async w =>
        {
            // Bookkeeping rows: straight statements, no effects.
            if (done.Count > 0) await w.Db.MediaDeletions.Where(d => done.Contains(d.Id)).ExecuteDeleteAsync(ct);
            foreach (var (row, error) in failed)
            {
                var attempts = row.Attempts + 1;
                var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, retry.Ticks * attempts));
                var message = error.Length > 500 ? error[..500] : error;
                await w.Db.MediaDeletions.Where(d => d.Id == row.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.NextAttemptAt, w.Now + (long)delay.TotalMilliseconds)
                    .SetProperty(d => d.LastError, message), ct);
            }
        }, ct);
        foreach (var (row, error) in failed)
            logger.LogWarning("Media object {Key} could not be removed (attempt {Attempt}): {Error}; retried later", row.Key, row.Attempts + 1, error);
        if (done.Count > 0) logger.LogInformation("Removed {Count} media objects of deleted videos", done.Count);
    }
}
