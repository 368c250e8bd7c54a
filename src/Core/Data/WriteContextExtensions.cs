using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Events;

namespace Tiktok.Core.Data;

public static class WriteContextExtensions
{
    /// <summary>
    /// A publish or send time that is unique and increasing in commit order: max(now, last + 1).
    /// Runs inside the write transaction, behind the writer gate.
    /// </summary>
    public static async Task<long> NextVideoTimeAsync(this WriteContext w, CancellationToken ct)
    {
        var last = await w.Db.Videos.MaxAsync(v => (long?)v.CreatedAt, ct) ?? 0;
        return Math.Max(w.Now, last + 1);
    }

    /// <summary>A video's counts as this transaction leaves them.</summary>
    public static async Task<VideoCountsChanged> VideoCountsAsync(this WriteContext w, long videoId, CancellationToken ct)
    {
        var counts = await w.Db.Videos.AsNoTracking().Where(v => v.Id == videoId)
            .Select(v => new VideoCountsChanged(v.Id, v.LikeCount, v.CommentCount)).FirstAsync(ct);
        w.CountsRead(counts);
        return counts;
    }

    public static async Task<long> NextMessageTimeAsync(this WriteContext w, CancellationToken ct)
    {
        var last = await w.Db.Messages.MaxAsync(m => (long?)m.CreatedAt, ct) ?? 0;
        return Math.Max(w.Now, last + 1);
    }
}
