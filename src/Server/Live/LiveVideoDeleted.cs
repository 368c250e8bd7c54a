using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

public sealed record LiveVideoDeleted([property: JsonPropertyName("video_id")] long VideoId)
{
    public static LiveVideoDeleted From(VideoDeleted e) => new(e.VideoId);
}
