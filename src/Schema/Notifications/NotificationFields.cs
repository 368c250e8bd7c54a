using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Notifications;
using Tiktok.Schema.Paging;

namespace Tiktok.Schema.Notifications;

/// <summary>The signed-in user's notifications, their unread count, and marking them read: only ever the caller's own.</summary>
public static class NotificationFields
{
    private const char Kind = 'n';

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<NotificationGraphType, NotificationView>>>("notifications")
            .Description("the signed-in user's notifications, latest activity first; likes of one video and follows are grouped while unread")
            .Arguments(Cursors.Arguments(20))
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var first = Cursors.First(c);
                var after = Cursors.DecodeKeys(Kind, "", 2, c.GetArgument<string?>("after"));
                var page = await c.Service<Core.Notifications.Notifications>().PageAsync(me, after, first + 1, c.CancellationToken);
                return ConnectionPage<NotificationView>.FromKeyed(page, first, Kind, "");
            });

        query.Field<NonNullGraphType<LongGraphType>>("unreadNotificationCount")
            .Description("the signed-in user's unread notifications (grouped ones count once)")
            .ResolveAsync(async c => await c.Service<Core.Notifications.Notifications>().UnreadCountAsync(c.RequireViewer(), c.CancellationToken));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<LongGraphType>>("markNotificationsRead")
            .Description("marks read the notification whose cursor is `upTo` and every older one (all when omitted); returns the unread count left")
            .Arguments(new QueryArgument<StringGraphType> { Name = "upTo", Description = "the cursor of the newest notification seen, from `notifications`" })
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var upTo = Cursors.DecodeKeys(Kind, "", 2, c.GetArgument<string?>("upTo"), "upTo");
                return await c.Service<Core.Notifications.Notifications>().MarkReadAsync(me, upTo, c.CancellationToken);
            });
    }
}
