namespace Tiktok.Core.Videos;

/// <summary>One page of the feed and the cursor for the next.</summary>
public sealed record FeedPage(IReadOnlyList<VideoView> Videos, long NextTime);
