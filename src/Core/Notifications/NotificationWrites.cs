using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Data.Effects;

namespace Tiktok.Core.Notifications;

/// <summary>
/// The write path's domain step that turns the like, follow and comment rows an action touched into
/// notification rows, in the same transaction, after the action's own statements and before
/// <see cref="EffectRules"/> (which then announce the notification rows like any other).
/// <para>
/// Why a step of <see cref="Writes"/> and not calls in <c>Likes</c>, <c>Follows</c> and <c>Comments</c>:
/// what is announced follows from the rows written, whoever writes them (REST, GraphQL, hubs, the
/// seed, a video removed with its likes and comments, a block that ends a follow), so a new caller
/// cannot forget to notify or to withdraw; and <see cref="EffectRules"/> stay read-only, as the
/// dispatcher's contract says. The step sees only rows written through the change tracker, like the
/// rules. See docs/notifications.md for the grouping rule.
/// </para>
/// </summary>
public static class NotificationWrites
{
    /// <summary>Writes the notifications of the rows touched so far (the action's last save done).</summary>
    internal static async Task DeriveAsync(WriteContext w, CancellationToken ct)
    {
        var touched = w.Changes.Count;
        for (var i = 0; i < touched; i++)
        {
            var change = w.Changes[i];
            if (change.Kind == ChangeKind.Modified) continue;
            var added = change.Kind == ChangeKind.Added;
            switch (change.Row)
            {
                case Like like when added:
                    var author = await AuthorAsync(w, like.VideoId, ct);
                    if (author is { } liked && liked != like.UserId)
                        await JoinOrStartAsync(w, liked, NotificationKind.Like, like.VideoId, like.VideoId, like.UserId, like.CreatedAt, ct);
                    break;
                case Like like:
                    await WithdrawAsync(w, NotificationKind.Like, like.VideoId, like.UserId, ct);
                    break;
                case Follow follow when added:
                    if (follow.FolloweeId != follow.FollowerId)
                        await JoinOrStartAsync(w, follow.FolloweeId, NotificationKind.Follow, follow.FolloweeId, null, follow.FollowerId,
                            follow.CreatedAt, ct);
                    break;
                case Follow follow:
                    await WithdrawAsync(w, NotificationKind.Follow, follow.FolloweeId, follow.FollowerId, ct);
                    break;
                case Comment comment when added:
                    if (await AuthorAsync(w, comment.VideoId, ct) is { } commented && commented != comment.UserId)
                        await StartAsync(w, commented, NotificationKind.Comment, comment.Id, comment.VideoId, comment.UserId, comment.CreatedAt,
                            comment.Content, ct);
                    break;
                case Comment comment:
                    await WithdrawAsync(w, NotificationKind.Comment, comment.Id, comment.UserId, ct);
                    break;
                case Video video when !added:
                    await WithdrawVideoAsync(w, video.Id, ct);
                    break;
            }
        }
        await w.Db.SaveChangesAsync(ct);
    }

    private static Task<long?> AuthorAsync(WriteContext w, long videoId, CancellationToken ct) =>
        w.Db.Videos.AsNoTracking().Where(v => v.Id == videoId).Select(v => (long?)v.AuthorId).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Likes and follows group: the action joins its subject's unread notification if there is one
    /// (which moves to the top of the list), else starts a new one.
    /// </summary>
    private static async Task JoinOrStartAsync(WriteContext w, long recipient, NotificationKind kind, long subject, long? videoId,
        long actor, long at, CancellationToken ct)
    {
        var open = await w.Db.Notifications.AsNoTracking()
            .Where(n => n.Kind == kind && n.SubjectId == subject && n.ReadAt == null)
            .Select(n => (long?)n.Id).FirstOrDefaultAsync(ct);
        if (open is not { } id)
        {
            await StartAsync(w, recipient, kind, subject, videoId, actor, at, null, ct);
            return;
        }
        // Only while still unread: on PostgreSQL the recipient may have read it (or its last actor
        // withdrawn it) since the look-up; then the action runs again and starts a new group.
        var joined = await w.Db.Notifications.Where(n => n.Id == id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.ActorCount, n => n.ActorCount + 1)
                .SetProperty(n => n.ActorId, actor)
                .SetProperty(n => n.UpdatedAt, n => n.UpdatedAt > at ? n.UpdatedAt : at), ct);
        if (joined == 0) throw new DbUpdateConcurrencyException($"notification {id} was read or withdrawn while {actor} joined it");
        w.Record(typeof(Notification), ChangeKind.Modified, id, null,
            nameof(Notification.ActorCount), nameof(Notification.ActorId), nameof(Notification.UpdatedAt));
        w.Db.NotificationActors.Add(new NotificationActor { NotificationId = id, ActorId = actor, CreatedAt = at });
        await w.Db.SaveChangesAsync(ct);
    }

    private static async Task StartAsync(WriteContext w, long recipient, NotificationKind kind, long subject, long? videoId,
        long actor, long at, string? text, CancellationToken ct)
    {
        var row = new Notification
        {
            RecipientId = recipient,
            Kind = kind,
            SubjectId = subject,
            VideoId = videoId,
            ActorId = actor,
            ActorCount = 1,
            CreatedAt = at,
            UpdatedAt = at,
            CommentText = text,
        };
        w.Db.Notifications.Add(row);
        await w.Db.SaveChangesAsync(ct);
        w.Db.NotificationActors.Add(new NotificationActor { NotificationId = row.Id, ActorId = actor, CreatedAt = at });
        await w.Db.SaveChangesAsync(ct);
        await w.ShiftAsync<User>(recipient, u => u.UnreadNotificationCount, +1, ct);
    }

    /// <summary>
    /// The actor's undo: they leave the group that announced them, read or not; a group left empty
    /// goes (and with it an unread one's count). The group keeps its place in the list.
    /// </summary>
    private static async Task WithdrawAsync(WriteContext w, NotificationKind kind, long subject, long actor, CancellationToken ct)
    {
        var member = await (
                from a in w.Db.NotificationActors
                join n in w.Db.Notifications on a.NotificationId equals n.Id
                where n.Kind == kind && n.SubjectId == subject && a.ActorId == actor
                select a)
            .FirstOrDefaultAsync(ct);
        if (member is null) return; // announced nothing (the recipient's own action, or from before notifications)
        w.Db.NotificationActors.Remove(member);
        await w.Db.SaveChangesAsync(ct);
        await ShrinkAsync(w, member.NotificationId, actor, ct);
    }

    /// <summary>Takes one actor off the group; the shift locks its row first, so what is read next stays true until the commit.</summary>
    private static async Task ShrinkAsync(WriteContext w, long id, long actor, CancellationToken ct)
    {
        await w.ShiftAsync<Notification>(id, n => n.ActorCount, -1, ct);
        var row = await w.Db.Notifications.AsNoTracking().FirstAsync(n => n.Id == id, ct);
        if (row.ActorCount > 0)
        {
            if (row.ActorId != actor) return;
            var latest = await w.Db.NotificationActors.AsNoTracking().Where(a => a.NotificationId == id)
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.ActorId).Select(a => a.ActorId).FirstAsync(ct);
            await w.Db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ActorId, latest), ct);
            w.Record(typeof(Notification), ChangeKind.Modified, id, null, nameof(Notification.ActorId));
            return;
        }
        await RemoveAsync(w, row, ct);
    }

    private static async Task RemoveAsync(WriteContext w, Notification row, CancellationToken ct)
    {
        var tracked = w.Db.Notifications.Local.FirstOrDefault(n => n.Id == row.Id);
        if (tracked is not null) w.Db.Entry(tracked).State = EntityState.Detached;
        w.Db.Notifications.Remove(row);
        await w.Db.SaveChangesAsync(ct);
        if (row.ReadAt is null) await w.ShiftAsync<User>(row.RecipientId, u => u.UnreadNotificationCount, -1, ct);
    }

    /// <summary>A video removed takes its likes' and comments' notifications with it, whatever removed its rows.</summary>
    private static async Task WithdrawVideoAsync(WriteContext w, long videoId, CancellationToken ct)
    {
        var ids = await w.Db.Notifications.AsNoTracking().Where(n => n.VideoId == videoId).Select(n => n.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var members = await w.Db.NotificationActors.Where(a => a.NotificationId == id).ToListAsync(ct);
            w.Db.NotificationActors.RemoveRange(members);
            await w.Db.SaveChangesAsync(ct);
            await w.ShiftAsync<Notification>(id, n => n.ActorCount, -members.Count, ct);
            await RemoveAsync(w, await w.Db.Notifications.AsNoTracking().FirstAsync(n => n.Id == id, ct), ct);
        }
    }
}
