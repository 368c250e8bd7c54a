using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>Profiles and relation lists, each in a fixed number of queries.</summary>
public sealed class UserQueries(TiktokDbContext db, IOptions<TiktokOptions> options)
{
    private int ListLimit => options.Value.ListLimit;

    public async Task<UserView> GetAsync(long userId, long? viewerId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(UserViews.Projection)
            .FirstOrDefaultAsync(ct) ?? throw DomainErrors.UserNotFound(userId);
        return (await db.WithFollowFlagsAsync(viewerId, [user], ct))[0];
    }

    public async Task<bool> ExistsAsync(long userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct);

    /// <summary>Users that <paramref name="userId"/> follows, most recent first.</summary>
    public async Task<IReadOnlyList<UserView>> FollowingOfAsync(long userId, long? viewerId, CancellationToken ct) =>
        (await FollowingOfAsync(userId, viewerId, null, ListLimit, ct)).Select(r => r.User).ToList();

    /// <summary>A page of the users <paramref name="userId"/> follows, after a (followed at, user id) cursor.</summary>
    public async Task<IReadOnlyList<RelatedUser>> FollowingOfAsync(long userId, long? viewerId, TimeCursor? after, int limit, CancellationToken ct)
    {
        await EnsureExistsAsync(userId, ct);
        var query = db.Follows.AsNoTracking().Where(f => f.FollowerId == userId);
        if (after is { } c) query = query.Where(f => f.CreatedAt < c.At || (f.CreatedAt == c.At && f.FolloweeId < c.Id));
        var rows = await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.FolloweeId).Take(limit)
            .Select(f => new { f.CreatedAt, User = new UserView(f.Followee.Id, f.Followee.Name, f.Followee.FollowCount,
                f.Followee.FollowerCount, false, f.Followee.AvatarKey, f.Followee.BackgroundKey, f.Followee.Signature,
                f.Followee.TotalFavorited, f.Followee.WorkCount, f.Followee.FavoriteCount) })
            .ToListAsync(ct);
        var flagged = await db.WithFollowFlagsAsync(viewerId, rows.Select(r => r.User).ToList(), ct);
        return rows.Select((r, i) => new RelatedUser(flagged[i], new TimeCursor(r.CreatedAt, r.User.Id))).ToList();
    }

    /// <summary>Users who follow <paramref name="userId"/>, most recent first.</summary>
    public async Task<IReadOnlyList<UserView>> FollowersOfAsync(long userId, long? viewerId, CancellationToken ct) =>
        (await FollowersOfAsync(userId, viewerId, null, ListLimit, ct)).Select(r => r.User).ToList();

    /// <summary>A page of the users who follow <paramref name="userId"/>, after a (followed at, user id) cursor.</summary>
    public async Task<IReadOnlyList<RelatedUser>> FollowersOfAsync(long userId, long? viewerId, TimeCursor? after, int limit, CancellationToken ct)
    {
        await EnsureExistsAsync(userId, ct);
        var query = db.Follows.AsNoTracking().Where(f => f.FolloweeId == userId);
        if (after is { } c) query = query.Where(f => f.CreatedAt < c.At || (f.CreatedAt == c.At && f.FollowerId < c.Id));
        var rows = await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.FollowerId).Take(limit)
            .Select(f => new { f.CreatedAt, User = new UserView(f.Follower.Id, f.Follower.Name, f.Follower.FollowCount,
                f.Follower.FollowerCount, false, f.Follower.AvatarKey, f.Follower.BackgroundKey, f.Follower.Signature,
                f.Follower.TotalFavorited, f.Follower.WorkCount, f.Follower.FavoriteCount) })
            .ToListAsync(ct);
        var flagged = await db.WithFollowFlagsAsync(viewerId, rows.Select(r => r.User).ToList(), ct);
        return rows.Select((r, i) => new RelatedUser(flagged[i], new TimeCursor(r.CreatedAt, r.User.Id))).ToList();
    }

    /// <summary>Several users by id, in one query plus the viewer's flags; unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<long, UserView>> ManyAsync(IReadOnlyCollection<long> userIds, long? viewerId, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(UserViews.Projection).ToListAsync(ct);
        return (await db.WithFollowFlagsAsync(viewerId, users, ct)).ToDictionary(u => u.Id);
    }

    /// <summary>
    /// Users who follow <paramref name="userId"/> and whom they follow back, each with the latest
    /// message between the viewer and that friend.
    /// </summary>
    public async Task<IReadOnlyList<FriendView>> FriendsOfAsync(long userId, long? viewerId, CancellationToken ct)
    {
        await EnsureExistsAsync(userId, ct);
        var friends = await db.Follows.AsNoTracking()
            .Where(f => f.FollowerId == userId &&
                        db.Follows.Any(back => back.FollowerId == f.FolloweeId && back.FolloweeId == userId))
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.FolloweeId)
            .Take(ListLimit)
            .Select(f => f.Followee).Select(UserViews.Projection)
            .ToListAsync(ct);
        var flagged = await db.WithFollowFlagsAsync(viewerId, friends, ct);
        if (viewerId is not { } viewer || flagged.Count == 0)
            return flagged.Select(u => new FriendView(u, "", 0)).ToList();

        var ids = flagged.Select(u => u.Id).ToList();
        // Message times are unique, so the newest time per peer names exactly one message.
        var newestTimes = await db.Messages.AsNoTracking()
            .Where(m => (m.FromUserId == viewer && ids.Contains(m.ToUserId)) ||
                        (m.ToUserId == viewer && ids.Contains(m.FromUserId)))
            .GroupBy(m => m.FromUserId == viewer ? m.ToUserId : m.FromUserId)
            .Select(g => g.Max(m => m.CreatedAt))
            .ToListAsync(ct);
        var latest = newestTimes.Count == 0
            ? []
            : await db.Messages.AsNoTracking()
                .Where(m => newestTimes.Contains(m.CreatedAt))
                .ToDictionaryAsync(m => m.FromUserId == viewer ? m.ToUserId : m.FromUserId, ct);
        return flagged.Select(u => latest.TryGetValue(u.Id, out var m)
                ? new FriendView(u, m.Content, m.FromUserId == viewer ? 1 : 0)
                : new FriendView(u, "", 0))
            .ToList();
    }

    private async Task EnsureExistsAsync(long userId, CancellationToken ct)
    {
        if (!await ExistsAsync(userId, ct)) throw DomainErrors.UserNotFound(userId);
    }
}

/// <summary>A user in a relation list and where they stand in it.</summary>
public sealed record RelatedUser(UserView User, TimeCursor Cursor);

/// <summary>A friend plus the latest message between the viewer and them (MsgType 1: sent by the viewer).</summary>
public sealed record FriendView(UserView User, string Message, long MsgType);
