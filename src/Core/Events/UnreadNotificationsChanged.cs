namespace Tiktok.Core.Events;

/// <summary>The user's unread notification count as the commit left it.</summary>
public sealed record UnreadNotificationsChanged(long UserId, long Count) : IDomainEvent;
