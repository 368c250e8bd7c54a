using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
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
            if (!await w.Db.Likes.AnyAsync(l => l.UserId == userId && l.VideoId == videoId, ct))
            {
                w.Db.Likes.Add(new Like { UserId = userId, VideoId = videoId, CreatedAt = w.Now });
                await w.Db.SaveChangesAsync(ct);
                await ShiftCountsAsync(w, userId, videoId, authorId, +1, ct);
            }
            return await w.VideoCountsAsync(videoId, ct);
        }, ct);

    /// <summary>Removes the like; removing a like that is not there changes nothing.</summary>
    public Task<VideoCountsChanged> RemoveAsync(long userId, long videoId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            var authorId = await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            if (await w.Db.Likes.FirstOrDefaultAsync(l => l.UserId == userId && l.VideoId == videoId, ct) is { } like)
            {
                w.Db.Likes.Remove(like);
                await w.Db.SaveChangesAsync(ct);
                await ShiftCountsAsync(w, userId, videoId, authorId, -1, ct);
            }
            return await w.VideoCountsAsync(videoId, ct);
        }, ct);

    private static async Task ShiftCountsAsync(WriteContext w, long userId, long videoId, long authorId, int by, CancellationToken ct)
    {
        await w.ShiftAsync<Video>(videoId, v => v.LikeCount, by, ct);
        await w.ShiftAsync<User>(authorId, u => u.LikesReceived, by, ct);
        await w.ShiftAsync<User>(userId, u => u.LikeCount, by, ct);
    }
}
