using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

public sealed record LiveCommentDeleted(
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("id")] long Id)
{
    public static LiveCommentDeleted From(CommentDeleted e) => new(e.VideoId, e.CommentId);
}
