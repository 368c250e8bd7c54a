using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;

namespace Tiktok.Core.Follows;

/// <summary>Following and unfollowing: idempotent, one transaction each, both users' counts moved with the row.</summary>
public sealed class Follows(Writes writes)
{
    /// <summary>The follower follows the followee; a repeated follow changes nothing.</summary>
    public Task AddAsync(long followerId, long followeeId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (followerId == followeeId) throw DomainErrors.CannotFollowSelf();
            await w.Db.RequireUsersAsync(followerId, followeeId, ct);
            if (await w.Db.Follows.AnyAsync(f => f.FollowerId == followerId && f.FolloweeId == followeeId, ct)) return;
            w.Db.Follows.Add(new Follow { FollowerId = followerId, FolloweeId = followeeId, CreatedAt = w.Now });
            await w.Db.SaveChangesAsync(ct);
            await ShiftCountsAsync(w, followerId, followeeId, +1, ct);
            w.Raise(new FollowChanged(followerId, followeeId, true));
        }, ct);

    /// <summary>The follower stops following; unfollowing someone not followed changes nothing.</summary>
    public Task RemoveAsync(long followerId, long followeeId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (followerId == followeeId) throw DomainErrors.CannotFollowSelf();
            await w.Db.RequireUsersAsync(followerId, followeeId, ct);
            var removed = await w.Db.Follows.Where(f => f.FollowerId == followerId && f.FolloweeId == followeeId)
                .ExecuteDeleteAsync(ct);
            if (removed == 0) return;
            await ShiftCountsAsync(w, followerId, followeeId, -1, ct);
            w.Raise(new FollowChanged(followerId, followeeId, false));
        }, ct);

    private static async Task ShiftCountsAsync(WriteContext w, long followerId, long followeeId, int by, CancellationToken ct)
    {
        var db = w.Db;
        w.UserChanged(followerId);
        w.UserChanged(followeeId);
        w.ViewerChanged(followerId);
        await db.Users.Where(u => u.Id == followerId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FollowCount, u => u.FollowCount + by), ct);
        await db.Users.Where(u => u.Id == followeeId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FollowerCount, u => u.FollowerCount + by), ct);
    }
}
