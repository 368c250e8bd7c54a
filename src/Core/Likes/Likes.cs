using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;

namespace Tiktok.Core.Likes;

/// <summary>Liking and unliking videos: idempotent, one transaction each, counts moved with the row.</summary>
public sealed class Likes(Writes writes)
{
    /// <summary>Likes the video; a repeated like changes nothing. Returns the video's committed counts.</summary>
    public Task<VideoCountsChanged> AddAsync(long userId, long videoId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            var authorId = await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            var exists = await w.Db.Likes.AnyAsync(l => l.UserId == userId && l.VideoId == videoId, ct);
            if (!exists)
            {
                w.Db.Likes.Add(new Like { UserId = userId, VideoId = videoId, CreatedAt = w.Now });
                await w.Db.SaveChangesAsync(ct);
                await ShiftCountsAsync(w, userId, videoId, authorId, +1, ct);
            }
            return await w.VideoCountsAsync(videoId, changed: !exists, ct);
        }, ct);

    /// <summary>Removes the like; removing a like that is not there changes nothing.</summary>
    public Task<VideoCountsChanged> RemoveAsync(long userId, long videoId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            var authorId = await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            var removed = await w.Db.Likes.Where(l => l.UserId == userId && l.VideoId == videoId).ExecuteDeleteAsync(ct);
            if (removed > 0) await ShiftCountsAsync(w, userId, videoId, authorId, -1, ct);
            return await w.VideoCountsAsync(videoId, changed: removed > 0, ct);
        }, ct);

    private static async Task ShiftCountsAsync(WriteContext w, long userId, long videoId, long authorId, int by, CancellationToken ct)
    {
        var db = w.Db;
        w.VideoChanged(videoId);
        w.UserChanged(authorId);
        w.UserChanged(userId);
        w.ViewerChanged(userId);
        await db.Videos.Where(v => v.Id == videoId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.LikeCount, v => v.LikeCount + by), ct);
        await db.Users.Where(u => u.Id == authorId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LikesReceived, u => u.LikesReceived + by), ct);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LikeCount, u => u.LikeCount + by), ct);
    }
}
