namespace Tiktok.Schema.Notifications;

/// <summary>What a <c>notificationEvents</c> event says.</summary>
public enum NotificationEventKind
{
    Added,
    Updated,
    Withdrawn,
    UnreadCount,
}
