namespace Tiktok.Server.Live;

/// <summary>Names of the server→client messages; clients subscribe with <c>connection.on(name, ...)</c>.</summary>
public static class LiveEvents
{
    /// <summary>Chat hub: a stored direct message, to every connection of its sender and its receiver.</summary>
    public const string Message = "message";

    /// <summary>Videos hub: a watched video's committed like and comment counts.</summary>
    public const string Counts = "counts";

    /// <summary>Videos hub: a comment was posted on a watched video.</summary>
    public const string CommentAdded = "commentAdded";

    /// <summary>Videos hub: a comment was deleted from a watched video.</summary>
    public const string CommentDeleted = "commentDeleted";

    /// <summary>Notifications hub: a change to one of the recipient's notifications, to every connection of theirs.</summary>
    public const string Notification = "notification";

    /// <summary>Notifications hub: the recipient's unread notification count, to every connection of theirs.</summary>
    public const string UnreadNotifications = "unreadNotifications";
}
