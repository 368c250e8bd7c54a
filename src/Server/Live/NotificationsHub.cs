using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Notifications;

namespace Tiktok.Server.Live;

/// <summary>
/// <c>/hubs/notifications</c>: the caller's notifications, live. Needs the same JWT as REST compat.
/// <see cref="LivePushWorker"/> pushes each committed change (<c>notification</c>) and unread count
/// (<c>unreadNotifications</c>) to every connection of the recipient; this hub only answers the
/// current count, the catch-up after a (re)connect. See docs/hubs.md.
/// </summary>
[Authorize]
public sealed class NotificationsHub(Notifications notifications) : Hub
{
    /// <summary>The caller's unread notification count now.</summary>
    public async Task<LiveUnreadNotifications> UnreadCount()
    {
        var me = ChatHub.CurrentUser(Context);
        return new LiveUnreadNotifications(await notifications.UnreadCountAsync(me, Context.ConnectionAborted));
    }
}
