using GraphQL.Types;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Notifications;

/// <summary>A change to the viewer's notifications, as pushed by <c>notificationEvents</c>.</summary>
public sealed class NotificationEventGraphType : ObjectGraphType<IDomainEvent>
{
    public NotificationEventGraphType()
    {
        Name = "NotificationEvent";
        Field<NonNullGraphType<NotificationEventKindGraphType>>("kind").Resolve(c => c.Source switch
        {
            NotificationChanged { Change: NotificationChange.Added } => NotificationEventKind.Added,
            NotificationChanged { Change: NotificationChange.Updated } => NotificationEventKind.Updated,
            NotificationChanged => NotificationEventKind.Withdrawn,
            _ => NotificationEventKind.UnreadCount,
        });
        Field<NotificationGraphType>("notification")
            .Description("as the commit left it (ADDED, UPDATED), or as it was (WITHDRAWN); null for UNREAD_COUNT")
            .Resolve(c => (c.Source as NotificationChanged)?.Notification);
        Field<LongGraphType>("unreadCount")
            .Description("UNREAD_COUNT: the committed count of unread notifications; null for the other kinds")
            .Resolve(c => (c.Source as UnreadNotificationsChanged)?.Count);
    }
}
