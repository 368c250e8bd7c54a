namespace Tiktok.Core.Events;

/// <summary>What happened to a notification: it appeared, its group changed (grew, shrank), or its action was undone.</summary>
public enum NotificationChange
{
    Added,
    Updated,
    Withdrawn,
}
