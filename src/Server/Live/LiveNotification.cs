using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>
/// A committed change to one of the recipient's notifications, as pushed (<c>notification</c>):
/// <c>change</c> is <c>added</c>, <c>updated</c> (its group grew or shrank) or <c>withdrawn</c> (its
/// action was undone), and the notification as the commit left it (as it was, when withdrawn).
/// </summary>
public sealed record LiveNotification(
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("actor_id")] long ActorId,
    [property: JsonPropertyName("actor_count")] long ActorCount,
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("comment_id")] long CommentId,
    [property: JsonPropertyName("comment_text")] string CommentText,
    [property: JsonPropertyName("create_time")] long CreateTime,
    [property: JsonPropertyName("update_time")] long UpdateTime,
    [property: JsonPropertyName("read")] bool Read)
{
    /// <summary>Zero values where a kind has none (a follow's video, a like's comment), as the REST shapes do.</summary>
    public static LiveNotification From(NotificationChanged e)
    {
        var n = e.Notification;
        return new(e.Change.ToString().ToLowerInvariant(), n.Id, n.Kind.ToString().ToLowerInvariant(), n.ActorId, n.ActorCount,
            n.VideoId ?? 0, n.CommentId ?? 0, n.CommentText ?? "", n.CreatedAt, n.UpdatedAt, n.Read);
    }
}
