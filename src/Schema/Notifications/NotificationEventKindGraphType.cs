using GraphQL.Types;

namespace Tiktok.Schema.Notifications;

/// <summary>ADDED, UPDATED, WITHDRAWN or UNREAD_COUNT.</summary>
public sealed class NotificationEventKindGraphType : EnumerationGraphType<NotificationEventKind>
{
    public NotificationEventKindGraphType() => Name = "NotificationEventKind";
}
