using Tiktok.Core.Notifications;

namespace Tiktok.Core.Data;

/// <summary>
/// What a user is told about others' actions on them: one row per comment, and one row per group of
/// likes of one video or of follows while the group is unread (see docs/notifications.md). Written
/// only by <see cref="NotificationWrites"/>, in the transaction of the action it announces.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public long RecipientId { get; set; }
    public NotificationKind Kind { get; set; }

    /// <summary>What the notification is about, which with <see cref="Kind"/> names its recipient: the liked video, the followed user, the comment.</summary>
    public long SubjectId { get; set; }

    /// <summary>The video liked or commented on; null for a follow.</summary>
    public long? VideoId { get; set; }

    /// <summary>The most recent actor of the group (the commenter of a comment).</summary>
    public long ActorId { get; set; }

    /// <summary>Actors in the group: "<see cref="ActorId"/> and <c>ActorCount - 1</c> others".</summary>
    public long ActorCount { get; set; }

    /// <summary>Unix ms of the first action of the group.</summary>
    public long CreatedAt { get; set; }

    /// <summary>Unix ms of the latest action that joined the group: with <see cref="Id"/>, the list's order and cursor.</summary>
    public long UpdatedAt { get; set; }

    /// <summary>Unix ms when its recipient marked it read; null while unread.</summary>
    public long? ReadAt { get; set; }

    /// <summary>Not stored: a comment notification's text, set by its writer for the event that announces it.</summary>
    public string? CommentText { get; set; }
}
