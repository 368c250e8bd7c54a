namespace Tiktok.Core.Notifications;

/// <summary>What others did: followed the recipient, liked one of their videos, commented on one.</summary>
public enum NotificationKind
{
    Follow,
    Like,
    Comment,
}
