using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Data.Effects;
using Tiktok.Core.Lists;

namespace Tiktok.Core.Notifications;

/// <summary>
/// A user's own notifications: the list (newest activity first), the unread count, and marking read.
/// Every method takes the signed-in user and reads or changes only their rows. Notifications are
/// written by <see cref="NotificationWrites"/>, never here.
/// </summary>
public sealed class Notifications(TiktokDbContext db, Writes writes)
{
    /// <summary>
    /// A page of the user's notifications, by latest activity then id, both descending, strictly after
    /// the keys <paramref name="after"/> (<c>[updatedAt, id]</c> of the last one seen): one query, the
    /// comment texts joined in.
    /// </summary>
    public async Task<IReadOnlyList<Keyed<NotificationView>>> PageAsync(long userId, long[]? after, int limit, CancellationToken ct)
    {
        var rows = db.Notifications.AsNoTracking().Where(n => n.RecipientId == userId);
        if (after is [var t, var id]) rows = rows.Where(n => n.UpdatedAt < t || (n.UpdatedAt == t && n.Id < id));
        var page = await (
                from n in rows.OrderByDescending(n => n.UpdatedAt).ThenByDescending(n => n.Id).Take(limit)
                join c in db.Comments on new { Kind = n.Kind, Id = n.SubjectId } equals new { Kind = NotificationKind.Comment, c.Id } into texts
                from c in texts.DefaultIfEmpty()
                select new { Row = n, Text = c == null ? null : c.Content })
            .ToListAsync(ct);
        return page.OrderByDescending(p => p.Row.UpdatedAt).ThenByDescending(p => p.Row.Id)
            .Select(p => new Keyed<NotificationView>(NotificationRows.View(p.Row, p.Text), [p.Row.UpdatedAt, p.Row.Id])).ToList();
    }

    /// <summary>The user's unread notifications, as counted in the transactions that changed them.</summary>
    public Task<long> UnreadCountAsync(long userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UnreadNotificationCount).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Marks read the user's notifications at or before the keys <paramref name="upTo"/> (those of one
    /// notification seen: it and everything older), or all of them when null; a group that grew since
    /// it was seen is newer than its old keys and stays unread. Returns the unread count left.
    /// </summary>
    public Task<long> MarkReadAsync(long userId, long[]? upTo, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            // The recipient's row first, as every action that notifies them locks it before their
            // notifications (PostgreSQL): a like racing this waits instead of deadlocking. It changes nothing.
            var found = await w.Db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.UnreadNotificationCount, u => u.UnreadNotificationCount), ct);
            if (found == 0) throw Errors.DomainErrors.UserNotFound(userId);
            var unread = w.Db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null);
            if (upTo is [var t, var id]) unread = unread.Where(n => n.UpdatedAt < t || (n.UpdatedAt == t && n.Id <= id));
            var marked = await unread.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, w.Now), ct);
            if (marked > 0)
            {
                w.Record(typeof(Notification), ChangeKind.Modified, null, null, nameof(Notification.ReadAt));
                await w.ShiftAsync<User>(userId, u => u.UnreadNotificationCount, -marked, ct);
            }
            return await w.Db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UnreadNotificationCount).FirstAsync(ct);
        }, ct);
}
