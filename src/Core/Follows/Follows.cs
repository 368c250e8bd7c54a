using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Blocks;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Follows;

/// <summary>
/// Following and unfollowing: idempotent, one transaction each, both users' counts moved with the row.
/// Nobody follows a user they blocked or who blocked them (<see cref="BlockRules"/>).
/// </summary>
public sealed class Follows(Writes writes)
{
    /// <summary>The follower follows the followee; a repeated follow changes nothing.</summary>
    public Task AddAsync(long followerId, long followeeId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (followerId == followeeId) throw DomainErrors.CannotFollowSelf();
            await w.Db.RequireUsersAsync(followerId, followeeId, ct);
            // Ordered with any block of the same two users: the block either sees this follow (and ends it) or refuses it.
            await w.SequenceAsync(BlockRules.PairTopic(followerId, followeeId), ct);
            await w.Db.RefuseIfBlockedAsync(followerId, followeeId, "follow them", ct);
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

    /// <summary>
    /// Both users' counts for one follow row added (+1) or removed (-1). The lower id's row first:
    /// concurrent writers (PostgreSQL) then lock any two user rows in one order, and a follow one
    /// way racing a follow the other way (or a block) waits instead of deadlocking.
    /// </summary>
    internal static async Task ShiftCountsAsync(WriteContext w, long followerId, long followeeId, int by, CancellationToken ct)
    {
        if (followerId < followeeId)
        {
            await w.ShiftAsync<User>(followerId, u => u.FollowCount, by, ct);
            await w.ShiftAsync<User>(followeeId, u => u.FollowerCount, by, ct);
        }
        else
        {
            await w.ShiftAsync<User>(followeeId, u => u.FollowerCount, by, ct);
            await w.ShiftAsync<User>(followerId, u => u.FollowCount, by, ct);
        }
    }
}
