using Tiktok.Core.Data;

namespace Tiktok.Core.Notifications;

/// <summary>A notification row as its recipient sees it.</summary>
public static class NotificationRows
{
    public static NotificationView View(Notification n, string? commentText) => new(
        n.Id, n.Kind, n.ActorId, n.ActorCount, n.VideoId, n.Kind == NotificationKind.Comment ? n.SubjectId : null, commentText,
        n.CreatedAt, n.UpdatedAt, n.ReadAt is not null);
}
