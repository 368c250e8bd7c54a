using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;

namespace Tiktok.Core.Videos;

public static class VideoViews
{
    /// <summary>Sets whether the viewer liked each video and follows its author for the viewer: one query (a UNION ALL of both lookups).</summary>
    public static async Task<IReadOnlyList<VideoView>> WithViewerFlagsAsync(
        this TiktokDbContext db, long? viewerId, IReadOnlyList<VideoView> videos, CancellationToken ct)
    {
        if (viewerId is not { } viewer || videos.Count == 0) return videos;
        var videoIds = videos.Select(v => v.Id).Distinct().ToList();
        var authorIds = videos.Select(v => v.Author.Id).Distinct().ToList();
        const int Liked = 0, Followed = 1;
        var flags = await db.Likes.AsNoTracking()
            .Where(l => l.UserId == viewer && videoIds.Contains(l.VideoId))
            .Select(l => new { Kind = Liked, Id = l.VideoId })
            .Concat(db.Follows.AsNoTracking()
                .Where(f => f.FollowerId == viewer && authorIds.Contains(f.FolloweeId))
                .Select(f => new { Kind = Followed, Id = f.FolloweeId }))
            .ToListAsync(ct);
        var liked = flags.Where(f => f.Kind == Liked).Select(f => f.Id).ToHashSet();
        var followed = flags.Where(f => f.Kind == Followed).Select(f => f.Id).ToHashSet();
        return videos.Select(v => v with
        {
            IsLiked = liked.Contains(v.Id),
            Author = v.Author with { IsFollow = followed.Contains(v.Author.Id) },
        }).ToList();
    }
}
