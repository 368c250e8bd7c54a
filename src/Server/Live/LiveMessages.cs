using System.Text.Json.Serialization;
using Tiktok.Core.Messages;
using Tiktok.Core.Events;

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
}

/// <summary>
/// A direct message as pushed and as returned by the chat hub: REST compat's message fields plus
/// <c>prev_create_time</c>, which lets a client see that pushes from two instances arrived out of
/// order (<see cref="MessageView.PrevCreatedAt"/>).
/// </summary>
public sealed record LiveMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("from_user_id")] long FromUserId,
    [property: JsonPropertyName("to_user_id")] long ToUserId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("create_time")] long CreateTime,
    [property: JsonPropertyName("prev_create_time")] long PrevCreateTime)
{
    public static LiveMessage From(MessageStored e) => new(e.MessageId, e.FromUserId, e.ToUserId, e.Content, e.CreatedAt, e.PrevCreatedAt);
    public static LiveMessage From(MessageView m) => new(m.Id, m.FromUserId, m.ToUserId, m.Content, m.CreatedAt, m.PrevCreatedAt);
}

/// <summary>A video's committed counts.</summary>
public sealed record LiveCounts(
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("favorite_count")] long FavoriteCount,
    [property: JsonPropertyName("comment_count")] long CommentCount)
{
    public static LiveCounts From(VideoCountsChanged e) => new(e.VideoId, e.LikeCount, e.CommentCount);
}

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

public sealed record LiveCommentDeleted(
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("id")] long Id)
{
    public static LiveCommentDeleted From(CommentDeleted e) => new(e.VideoId, e.CommentId);
}
