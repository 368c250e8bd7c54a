using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Events;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Schema.Notifications;

/// <summary><c>notificationEvents</c>: the signed-in user's notifications appearing, changing, withdrawn, and their unread count, after commit.</summary>
public static class NotificationSubscriptions
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<NotificationEventGraphType>>("notificationEvents")
            .Description("each change to the signed-in user's notifications and unread count, on every connection of theirs; needs a token in connection_init")
            .ResolveStream(c =>
            {
                var me = c.RequireViewer();
                return LiveStreams.Watch(c, LiveTopics.User(me), e => e is NotificationChanged or UnreadNotificationsChanged ? e : null);
            });
    }
}
