using System.Globalization;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>The topics a committed event belongs to: a video's watchers, or a user's own connections.</summary>
public static class LiveTopics
{
    public static string Video(long videoId) => "video:" + videoId.ToString(CultureInfo.InvariantCulture);

    public static string User(long userId) => "user:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether subscriptions (here or on another instance) care about this event.</summary>
    public static bool IsLive(IDomainEvent domainEvent) =>
        domainEvent is VideoCountsChanged or CommentAdded or CommentDeleted or MessageStored or NotificationChanged or UnreadNotificationsChanged;

    public static IEnumerable<string> Of(IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case VideoCountsChanged c: yield return Video(c.VideoId); break;
            case CommentAdded a: yield return Video(a.VideoId); break;
            case CommentDeleted d: yield return Video(d.VideoId); break;
            case MessageStored m:
                yield return User(m.FromUserId);
                if (m.ToUserId != m.FromUserId) yield return User(m.ToUserId);
                break;
            case NotificationChanged n: yield return User(n.RecipientId); break;
            case UnreadNotificationsChanged u: yield return User(u.UserId); break;
        }
    }
}
