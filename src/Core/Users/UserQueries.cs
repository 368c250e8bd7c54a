using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Blocks;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Lists;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>Profiles, following and follower lists, friends, each in a fixed number of queries.</summary>
public sealed class UserQueries(TiktokDbContext db, IOptions<TiktokOptions> options, Cards cards, ViewerFlags flags)
{
    private int ListLimit => options.Value.ListLimit;

    public async Task<UserView> GetAsync(long userId, long? viewerId, CancellationToken ct)
    {
        var found = await cards.UsersAsync([userId], ct);
        if (!found.TryGetValue(userId, out var user)) throw DomainErrors.UserNotFound(userId);
        return (await flags.OnUsersAsync(viewerId, [user], ct))[0];
    }

    public async Task<bool> ExistsAsync(long userId, CancellationToken ct) =>
        await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct);

    /// <summary>Users that <paramref name="userId"/> follows, most recent first.</summary>
    public async Task<IReadOnlyList<UserView>> FollowingOfAsync(long userId, long? viewerId, CancellationToken ct) =>
        (await FollowingOfAsync(userId, viewerId, null, ListLimit, ct)).Select(r => r.User).ToList();

    /// <summary>A page of the users <paramref name="userId"/> follows, after a (followed at, user id) cursor.</summary>
    public Task<IReadOnlyList<FollowListEntry>> FollowingOfAsync(long userId, long? viewerId, TimeCursor? after, int limit, CancellationToken ct) =>
        FollowListAsync(userId, viewerId, after, limit, following: true, ct);

    /// <summary>Users who follow <paramref name="userId"/>, most recent first.</summary>
    public async Task<IReadOnlyList<UserView>> FollowersOfAsync(long userId, long? viewerId, CancellationToken ct) =>
        (await FollowersOfAsync(userId, viewerId, null, ListLimit, ct)).Select(r => r.User).ToList();

    /// <summary>A page of the users who follow <paramref name="userId"/>, after a (followed at, user id) cursor.</summary>
    public Task<IReadOnlyList<FollowListEntry>> FollowersOfAsync(long userId, long? viewerId, TimeCursor? after, int limit, CancellationToken ct) =>
        FollowListAsync(userId, viewerId, after, limit, following: false, ct);

    /// <summary>One side of the follow relation, newest first: the rows, then the users in one batch.</summary>
    private async Task<IReadOnlyList<FollowListEntry>> FollowListAsync(long userId, long? viewerId, TimeCursor? after, int limit,
        bool following, CancellationToken ct)
    {
        if (await VisibleFollowsAsync(userId, viewerId, following, ct) is not { } follows) return [];
        var rows = following
            ? follows.Select(f => new { f.CreatedAt, Other = f.FolloweeId })
            : follows.Select(f => new { f.CreatedAt, Other = f.FollowerId });
        if (after is { } c) rows = rows.Where(r => r.CreatedAt < c.At || (r.CreatedAt == c.At && r.Other < c.Id));
        var page = await rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Other).Take(limit).ToListAsync(ct);
        var users = await ManyAsync(page.Select(r => r.Other).ToList(), viewerId, ct);
        return page.Where(r => users.ContainsKey(r.Other))
            .Select(r => new FollowListEntry(users[r.Other], new TimeCursor(r.CreatedAt, r.Other))).ToList();
    }

    /// <summary>
    /// The follow rows of one side of <paramref name="userId"/>'s relation that the viewer may see:
    /// none of a user hidden from them (blocked either way), else all but those naming hidden users.
    /// USER_NOT_FOUND for no such user.
    /// </summary>
    private async Task<IQueryable<Follow>?> VisibleFollowsAsync(long userId, long? viewerId, bool following, CancellationToken ct)
    {
        await db.RequireUserAsync(userId, ct);
        var follows = following
            ? db.Follows.AsNoTracking().Where(f => f.FollowerId == userId)
            : db.Follows.AsNoTracking().Where(f => f.FolloweeId == userId);
        if (viewerId is not { } viewer || !await flags.HidesAnyoneAsync(viewer, ct)) return follows;
        if ((await flags.HiddenAmongAsync(viewer, [userId], ct)).Count > 0) return null;
        return following ? follows.VisibleTo(db, viewer, f => f.FolloweeId) : follows.VisibleTo(db, viewer, f => f.FollowerId);
    }

    /// <summary>Several users by id, in one query plus the viewer's flags; unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<long, UserView>> ManyAsync(IReadOnlyCollection<long> userIds, long? viewerId, CancellationToken ct)
    {
        var users = await cards.UsersAsync(userIds, ct);
        return (await flags.OnUsersAsync(viewerId, users.Values.ToList(), ct)).ToDictionary(u => u.Id);
    }

    /// <summary>
    /// Users who follow <paramref name="userId"/> and whom they follow back, each with the latest
    /// message between the viewer and that friend.
    /// </summary>
    public async Task<IReadOnlyList<FriendView>> FriendsOfAsync(long userId, long? viewerId, CancellationToken ct)
    {
        await db.RequireUserAsync(userId, ct);
        var hidden = await flags.HiddenAmongAsync(viewerId, [userId], ct);
        if (hidden.Count > 0) return [];
        var friendIds = await db.Follows.AsNoTracking()
            .Where(f => f.FollowerId == userId &&
                        db.Follows.Any(back => back.FollowerId == f.FolloweeId && back.FolloweeId == userId))
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.FolloweeId)
            .Take(ListLimit)
            .Select(f => f.FolloweeId)
            .ToListAsync(ct);
        hidden = await flags.HiddenAmongAsync(viewerId, friendIds, ct);
        var flagged = await flags.OnUsersAsync(viewerId, await cards.UsersInOrderAsync(friendIds.Where(id => !hidden.Contains(id)).ToList(), ct), ct);
        if (viewerId is not { } viewer || flagged.Count == 0)
            return flagged.Select(u => new FriendView(u, "", false)).ToList();

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
                ? new FriendView(u, m.Content, m.FromUserId == viewer)
                : new FriendView(u, "", false))
            .ToList();
    }

    /// <summary>Users a user follows: filterable and sortable by the followed user's columns; most recent first by default.</summary>
    public static ListShape<Follow, UserField> FollowingShape { get; } = new ListShape<Follow, UserField>(f => f.FolloweeId, true, f => f.CreatedAt)
        .Text(UserField.Name, f => f.Followee.Name)
        .Number(UserField.FollowCount, f => f.Followee.FollowCount)
        .Number(UserField.FollowerCount, f => f.Followee.FollowerCount)
        .Number(UserField.WorkCount, f => f.Followee.WorkCount);

    /// <summary>A user's followers: filterable and sortable by the follower's columns; most recent first by default.</summary>
    public static ListShape<Follow, UserField> FollowersShape { get; } = new ListShape<Follow, UserField>(f => f.FollowerId, true, f => f.CreatedAt)
        .Text(UserField.Name, f => f.Follower.Name)
        .Number(UserField.FollowCount, f => f.Follower.FollowCount)
        .Number(UserField.FollowerCount, f => f.Follower.FollowerCount)
        .Number(UserField.WorkCount, f => f.Follower.WorkCount);

    /// <summary>A page of the users <paramref name="userId"/> follows (or, with <paramref name="following"/> false, who follow them), as <paramref name="query"/> asks.</summary>
    public async Task<IReadOnlyList<Keyed<UserView>>> FollowPageAsync(long userId, long? viewerId, bool following, ListQuery<UserField> query,
        IReadOnlyList<long>? after, int limit, CancellationToken ct)
    {
        if (await VisibleFollowsAsync(userId, viewerId, following, ct) is not { } follows) return [];
        var rows = following
            ? await FollowingShape.PageAsync(follows, query, after, limit, f => f.FolloweeId, ct)
            : await FollowersShape.PageAsync(follows, query, after, limit, f => f.FollowerId, ct);
        var users = await ManyAsync(rows.Select(r => r.Item).ToList(), viewerId, ct);
        return rows.Where(r => users.ContainsKey(r.Item)).Select(r => new Keyed<UserView>(users[r.Item], r.Keys)).ToList();
    }
}
