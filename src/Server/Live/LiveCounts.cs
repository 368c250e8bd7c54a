using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>A video's committed counts.</summary>
public sealed record LiveCounts(
    [property: JsonPropertyName("video_id")] long VideoId,
    [property: JsonPropertyName("favorite_count")] long FavoriteCount,
    [property: JsonPropertyName("comment_count")] long CommentCount)
{
    public static LiveCounts From(VideoCountsChanged e) => new(e.VideoId, e.LikeCount, e.CommentCount);
}
