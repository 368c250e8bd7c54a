using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

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
        }, ct);

    /// <summary>The follower stops following; unfollowing someone not followed changes nothing.</summary>
    public Task RemoveAsync(long followerId, long followeeId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (followerId == followeeId) throw DomainErrors.CannotFollowSelf();
            await w.Db.RequireUsersAsync(followerId, followeeId, ct);
            var follow = await w.Db.Follows.FirstOrDefaultAsync(f => f.FollowerId == followerId && f.FolloweeId == followeeId, ct);
            if (follow is null) return;
            w.Db.Follows.Remove(follow);
            await w.Db.SaveChangesAsync(ct);
            await ShiftCountsAsync(w, followerId, followeeId, -1, ct);
        }, ct);

    private static async Task ShiftCountsAsync(WriteContext w, long followerId, long followeeId, int by, CancellationToken ct)
    {
        await w.ShiftAsync<User>(followerId, u => u.FollowCount, by, ct);
        await w.ShiftAsync<User>(followeeId, u => u.FollowerCount, by, ct);
    }
}
