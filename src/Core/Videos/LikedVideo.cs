namespace Tiktok.Core.Videos;

/// <summary>A liked video and where it stands in its liker's list.</summary>
public sealed record LikedVideo(VideoView Video, TimeCursor Cursor);
