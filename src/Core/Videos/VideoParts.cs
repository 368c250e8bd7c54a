namespace Tiktok.Core.Videos;

/// <summary>The parts of a video a reader asks for: what a projected list reads, and nothing else.</summary>
[Flags]
public enum VideoParts
{
    /// <summary>Id and publish time only (always read: they are the list's keys).</summary>
    None = 0,
    Title = 1,
    /// <summary>The play and cover keys.</summary>
    Media = 2,
    Counts = 4,
    /// <summary>The author's profile, and whether the viewer follows them.</summary>
    Author = 8,
    /// <summary>Whether the viewer liked it.</summary>
    Liked = 16,
    All = Title | Media | Counts | Author | Liked,
}
