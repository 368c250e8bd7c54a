namespace Tiktok.Core.Videos;

/// <summary>One page of the feed and the cursor for the next.</summary>
public sealed record FeedPage(IReadOnlyList<VideoView> Videos, long NextTime)
{
    /// <summary>
    /// Some videos were left out for this viewer (users they blocked or who blocked them): the page
    /// is the viewer's own, not the shared newest page.
    /// </summary>
    public bool Filtered { get; init; }
}
