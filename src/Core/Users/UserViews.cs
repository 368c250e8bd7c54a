using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;

namespace Tiktok.Core.Users;

/// <summary>Batch helpers: one query for the rows, one for the viewer's flags, whatever the list length.</summary>
public static class UserViews
{
    public static readonly Expression<Func<User, UserView>> Projection = u => new UserView(
        u.Id, u.Name, u.FollowCount, u.FollowerCount, false, u.AvatarKey, u.BackgroundKey,
        u.Signature, u.LikesReceived, u.WorkCount, u.LikeCount);

    /// <summary>Which of <paramref name="userIds"/> the viewer follows (no query without a viewer).</summary>
    public static async Task<HashSet<long>> FollowedByAsync(
        this TiktokDbContext db, long? viewerId, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (viewerId is not { } viewer || userIds.Count == 0) return [];
        var ids = userIds.Distinct().ToList();
        return await db.Follows.AsNoTracking()
            .Where(f => f.FollowerId == viewer && ids.Contains(f.FolloweeId))
            .Select(f => f.FolloweeId)
            .ToHashSetAsync(ct);
    }

    public static async Task<IReadOnlyList<UserView>> WithFollowFlagsAsync(
        this TiktokDbContext db, long? viewerId, IReadOnlyList<UserView> users, CancellationToken ct)
    {
        var followed = await db.FollowedByAsync(viewerId, users.Select(u => u.Id).ToList(), ct);
        return users.Select(u => u with { IsFollow = followed.Contains(u.Id) }).ToList();
    }
}
