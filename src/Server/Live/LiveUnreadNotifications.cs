using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>The recipient's unread notification count, as pushed (<c>unreadNotifications</c>) and as <c>UnreadCount</c> returns it.</summary>
public sealed record LiveUnreadNotifications([property: JsonPropertyName("unread_count")] long UnreadCount)
{
    public static LiveUnreadNotifications From(UnreadNotificationsChanged e) => new(e.Count);
}
