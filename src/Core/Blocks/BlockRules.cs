using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Blocks;

/// <summary>
/// What a block between two users forbids, and how lists leave out a viewer's blocked users.
/// A block is mutual in effect: neither user follows, messages or comments on the other's videos,
/// and neither sees the other's videos and comments, until the blocker unblocks (docs/graphql.md, "Blocking").
/// </summary>
public static class BlockRules
{
    /// <summary>
    /// The sequence a follow and a block of the same two users take (PostgreSQL: an advisory lock),
    /// so that a follow racing a block cannot commit after it and leave a follow between them.
    /// </summary>
    public static string PairTopic(long a, long b) =>
        FormattableString.Invariant($"pair:{Math.Min(a, b)}:{Math.Max(a, b)}");

    /// <summary>
    /// Refuses with <see cref="ErrorCode.Blocked"/> when <paramref name="actor"/> blocked
    /// <paramref name="other"/> or was blocked by them; <paramref name="action"/> says what was
    /// refused, in the caller's words ("follow them"). One query.
    /// </summary>
    public static async Task RefuseIfBlockedAsync(this TiktokDbContext db, long actor, long other, string action, CancellationToken ct)
    {
        var blockers = await db.Blocks.AsNoTracking()
            .Where(b => (b.BlockerId == actor && b.BlockedId == other) || (b.BlockerId == other && b.BlockedId == actor))
            .Select(b => b.BlockerId).ToListAsync(ct);
        if (blockers.Contains(actor)) throw DomainErrors.YouBlocked(other, action);
        if (blockers.Count > 0) throw DomainErrors.BlockedYou(other, action);
    }

    /// <summary>Whether either of the two users blocked the other (one query on the blocks' key).</summary>
    public static Task<bool> BlockedEitherWayAsync(this TiktokDbContext db, long a, long b, CancellationToken ct) =>
        db.Blocks.AsNoTracking().AnyAsync(x => (x.BlockerId == a && x.BlockedId == b) || (x.BlockerId == b && x.BlockedId == a), ct);

    /// <summary>
    /// The rows whose user (<paramref name="user"/>: a video's author, a comment's writer, a listed
    /// user) has not blocked <paramref name="viewer"/> and is not blocked by them: a NOT EXISTS on
    /// the blocks' two indexes, added only for viewers who block or are blocked by anyone
    /// (<see cref="Caching.ViewerFlags.HidesAnyoneAsync"/>), so everyone else's query is unchanged.
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> rows, TiktokDbContext db, long viewer, Expression<Func<T, long>> user)
    {
        Expression<Func<long, bool>> visible = u =>
            !db.Blocks.Any(b => (b.BlockerId == viewer && b.BlockedId == u) || (b.BlockedId == viewer && b.BlockerId == u));
        var body = new Replace(visible.Parameters[0], user.Body).Visit(visible.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, user.Parameters));
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
