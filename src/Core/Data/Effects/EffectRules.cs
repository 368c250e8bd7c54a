using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Caching;
using Tiktok.Core.Events;
using Tiktok.Core.Notifications;

namespace Tiktok.Core.Data.Effects;

/// <summary>
/// The one place that says what a write to each kind of row causes after its commit: which cache
/// entries drop, whether the feed is reordered, which events go out. Every entity type of
/// <see cref="TiktokDbContext"/> has a rule (a test checks it, and a write touching a type without
/// one fails before it commits), so a new kind of write cannot forget its invalidations or events.
/// Rules run inside the action's transaction, after its last statement, in the order the rows were
/// touched; they may read (a video's counts as the action leaves them) but never write.
/// </summary>
public static class EffectRules
{
    private delegate ValueTask Rule(RowChange change, CommitEffects effects, WriteContext w, CancellationToken ct);

    private static readonly Dictionary<Type, Rule> Rules = new()
    {
        // A user's card holds its name and counts: any change to the row drops it, except one to the unread
        // notification count alone (not on the card), which is announced to the user. A new user is in no cache.
        [typeof(User)] = async (c, e, w, ct) =>
        {
            if (c.Kind == ChangeKind.Added) return;
            var id = Id(c);
            var unread = c.Sets(nameof(User.UnreadNotificationCount));
            if (!unread || c.Properties.Count > 1 || c.Kind == ChangeKind.Deleted) e.Drop(CardKey.User(id));
            if (unread && !e.Has<UnreadNotificationsChanged>(u => u.UserId == id))
                e.Raise(new UnreadNotificationsChanged(id, await w.Db.Users.AsNoTracking().Where(u => u.Id == id)
                    .Select(u => u.UnreadNotificationCount).FirstAsync(ct)));
        },

        // A new video reorders the feed. Its counts moving announce the committed counts; any other
        // change (the cover cut in the background) announces the update. Either way its card drops,
        // and so does the feed page if the video is on it.
        [typeof(Video)] = async (c, e, w, ct) =>
        {
            var id = Id(c);
            switch (c.Kind)
            {
                case ChangeKind.Added:
                    var video = c.RowAs<Video>();
                    e.Reorder();
                    e.Raise(new VideoPublished(video.Id, video.AuthorId, video.CreatedAt));
                    break;
                case ChangeKind.Deleted:
                    e.Reorder();
                    e.Drop(CardKey.Video(id));
                    break;
                default:
                    e.Drop(CardKey.Video(id));
                    if (c.Sets(nameof(Video.LikeCount)) || c.Sets(nameof(Video.CommentCount)))
                    {
                        if (!e.Has<VideoCountsChanged>(v => v.VideoId == id))
                            e.Raise(w.CountsAsLeft(id) ?? await w.VideoCountsAsync(id, ct));
                    }
                    else if (!e.Has<VideoUpdated>(v => v.VideoId == id))
                    {
                        e.Raise(new VideoUpdated(id));
                    }
                    break;
            }
        },

        // A like row is one of its user's viewer flags: their ViewerFlags entry drops. What it changes
        // in cards (the counts) moves through Video and User.
        [typeof(Like)] = (c, e, _, _) =>
        {
            if (c.Kind != ChangeKind.Modified) e.Drop(CardKey.Viewer(c.RowAs<Like>().UserId));
            return ValueTask.CompletedTask;
        },

        // A follow row is one of its follower's viewer flags (their ViewerFlags entry drops) and is announced.
        [typeof(Follow)] = (c, e, _, _) =>
        {
            var follow = c.RowAs<Follow>();
            if (c.Kind == ChangeKind.Modified) return ValueTask.CompletedTask;
            e.Drop(CardKey.Viewer(follow.FollowerId));
            e.Raise(new FollowChanged(follow.FollowerId, follow.FolloweeId, c.Kind == ChangeKind.Added));
            return ValueTask.CompletedTask;
        },

        [typeof(Comment)] = (c, e, _, _) =>
        {
            var comment = c.RowAs<Comment>();
            if (c.Kind == ChangeKind.Added)
                e.Raise(new CommentAdded(comment.VideoId, comment.Id, comment.UserId, comment.Content, comment.CreatedAt));
            else if (c.Kind == ChangeKind.Deleted)
                e.Raise(new CommentDeleted(comment.VideoId, comment.Id));
            return ValueTask.CompletedTask;
        },

        // A message is in no cache and on no feed page: it only announces itself, with its conversation's
        // previous time (taken by its writer under the "messages" sequence, carried on the row).
        [typeof(Message)] = (c, e, _, _) =>
        {
            if (c.Kind != ChangeKind.Added) return ValueTask.CompletedTask;
            var m = c.RowAs<Message>();
            e.Raise(new MessageStored(m.Id, m.FromUserId, m.ToUserId, m.Content, m.CreatedAt, m.PreviousCreatedAt));
            return ValueTask.CompletedTask;
        },

        // Cover jobs are bookkeeping: their result reaches readers through the video row.
        [typeof(MediaJob)] = None,

        // A notification is in no cache: it is announced to its recipient once per action, as the action
        // leaves it (read again for a change made by a statement), or as it was when withdrawn. Marking
        // read (a statement over many rows, no single id) is announced by the unread count alone.
        [typeof(Notification)] = async (c, e, w, ct) =>
        {
            if (c.Id is not { } id) return;
            if (e.Has<NotificationChanged>(n => n.Notification.Id == id)) return;
            switch (c.Kind)
            {
                case ChangeKind.Added:
                    var added = c.RowAs<Notification>();
                    e.Raise(new NotificationChanged(added.RecipientId, NotificationChange.Added, NotificationRows.View(added, added.CommentText)));
                    break;
                case ChangeKind.Deleted:
                    var gone = c.RowAs<Notification>();
                    e.Raise(new NotificationChanged(gone.RecipientId, NotificationChange.Withdrawn, NotificationRows.View(gone, null)));
                    break;
                default:
                    // Withdrawn later in the same action: its Deleted change announces it.
                    if (w.Changes.Any(x => x.Entity == typeof(Notification) && x.Kind == ChangeKind.Deleted && x.Id == id)) return;
                    var row = await w.Db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
                    if (row is not null) e.Raise(new NotificationChanged(row.RecipientId, NotificationChange.Updated, NotificationRows.View(row, null)));
                    break;
            }
        },

        // An actor of a notification's group: what readers see of it moves through the notification row.
        [typeof(NotificationActor)] = None,
    };

    /// <summary>
    /// The entity types no reader without a token can see (a message is read only by its two users, a notification only by its recipient;
    /// a media job's result reaches readers through the video row). A change to any other type moves
    /// the <see cref="Caching.DataVersion"/>: a new entity type is public until it is named here.
    /// </summary>
    private static readonly HashSet<Type> Private = [typeof(Message), typeof(MediaJob), typeof(Notification), typeof(NotificationActor)];

    /// <summary>The entity types that have a rule.</summary>
    public static IReadOnlyCollection<Type> Covered => Rules.Keys;

    /// <summary>Adds what <paramref name="changes"/> cause to <paramref name="effects"/>, in order.</summary>
    internal static async Task ApplyAsync(WriteContext w, CancellationToken ct)
    {
        var changes = w.Changes;
        var effects = w.Effects;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (!Rules.TryGetValue(change.Entity, out var rule))
                throw new InvalidOperationException(
                    $"a write touched {change.Entity.Name}, which has no rule in EffectRules: say what its changes invalidate and announce");
            await rule(change, effects, w, ct);
            if (!Private.Contains(change.Entity)) effects.ChangePublicData();
        }
    }

    private static ValueTask None(RowChange change, CommitEffects effects, WriteContext w, CancellationToken ct) => ValueTask.CompletedTask;

    private static long Id(RowChange change) =>
        change.Id ?? throw new InvalidOperationException($"a {change.Entity.Name} change without its id");
}
