using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Blocks;

/// <summary>
/// Blocking and unblocking: idempotent, one transaction each. A block ends the follows between
/// the two users both ways, their counts moved in the same transaction; an unblock only lifts the
/// refusals and the hiding (the follows stay ended). See <see cref="BlockRules"/>.
/// </summary>
public sealed class Blocks(TiktokDbContext db, Writes writes, Cards cards, ViewerFlags flags)
{
    /// <summary>The blocker blocks the blocked user; a repeated block changes nothing.</summary>
    public Task AddAsync(long blockerId, long blockedId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (blockerId == blockedId) throw DomainErrors.CannotBlockSelf();
            await w.Db.RequireUsersAsync(blockerId, blockedId, ct);
            // After a follow of the same pair that is still committing, never beside it (Follows takes it too).
            await w.SequenceAsync(BlockRules.PairTopic(blockerId, blockedId), ct);
            if (await w.Db.Blocks.AnyAsync(b => b.BlockerId == blockerId && b.BlockedId == blockedId, ct)) return;
            w.Db.Blocks.Add(new Block { BlockerId = blockerId, BlockedId = blockedId, CreatedAt = w.Now });
            var follows = await w.Db.Follows
                .Where(f => (f.FollowerId == blockerId && f.FolloweeId == blockedId) || (f.FollowerId == blockedId && f.FolloweeId == blockerId))
                .ToListAsync(ct);
            w.Db.Follows.RemoveRange(follows);
            await w.Db.SaveChangesAsync(ct);
            // A follow removed by another writer meanwhile fails the save (a conflict): the whole action runs again.
            foreach (var follow in follows)
                await Follows.Follows.ShiftCountsAsync(w, follow.FollowerId, follow.FolloweeId, -1, ct);
        }, ct);

    /// <summary>The blocker lifts the block; unblocking someone not blocked changes nothing. Old follows are not restored.</summary>
    public Task RemoveAsync(long blockerId, long blockedId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (blockerId == blockedId) throw DomainErrors.CannotBlockSelf();
            await w.Db.RequireUsersAsync(blockerId, blockedId, ct);
            var block = await w.Db.Blocks.FirstOrDefaultAsync(b => b.BlockerId == blockerId && b.BlockedId == blockedId, ct);
            if (block is null) return;
            w.Db.Blocks.Remove(block);
            await w.Db.SaveChangesAsync(ct);
        }, ct);

    /// <summary>A page of the users <paramref name="blockerId"/> blocked, most recent first, after a (blocked at, user id) cursor.</summary>
    public async Task<IReadOnlyList<FollowListEntry>> BlockedByAsync(long blockerId, TimeCursor? after, int limit, CancellationToken ct)
    {
        await db.RequireUserAsync(blockerId, ct);
        var rows = db.Blocks.AsNoTracking().Where(b => b.BlockerId == blockerId);
        if (after is { } c) rows = rows.Where(b => b.CreatedAt < c.At || (b.CreatedAt == c.At && b.BlockedId < c.Id));
        var page = await rows.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.BlockedId).Take(limit)
            .Select(b => new { b.CreatedAt, b.BlockedId }).ToListAsync(ct);
        var users = await cards.UsersAsync(page.Select(r => r.BlockedId).ToList(), ct);
        // Blocked users are followed by nobody who blocked them: their is_follow is false as it stands.
        return page.Where(r => users.ContainsKey(r.BlockedId))
            .Select(r => new FollowListEntry(users[r.BlockedId], new TimeCursor(r.CreatedAt, r.BlockedId))).ToList();
    }

    /// <summary>Which of <paramref name="userIds"/> the viewer has blocked (nothing without a viewer).</summary>
    public Task<HashSet<long>> BlockedAmongAsync(long? viewerId, IReadOnlyCollection<long> userIds, CancellationToken ct) =>
        flags.BlockedAmongAsync(viewerId, userIds, ct);
}
