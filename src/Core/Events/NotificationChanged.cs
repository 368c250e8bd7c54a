using Tiktok.Core.Notifications;

namespace Tiktok.Core.Events;

/// <summary>A notification of <paramref name="RecipientId"/> as the commit left it (as it was, when withdrawn).</summary>
public sealed record NotificationChanged(long RecipientId, NotificationChange Change, NotificationView Notification) : IDomainEvent;
