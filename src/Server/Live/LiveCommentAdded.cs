using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>A new comment; the author is named by id (profiles come from REST or GraphQL, and are cached by clients).</summary>
public sealed record LiveCommentAdded(
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("create_time")] long CreateTime)
{
    public static LiveCommentAdded From(CommentAdded e) => new(e.VideoId, e.CommentId, e.UserId, e.Content, e.CreatedAt);
}
