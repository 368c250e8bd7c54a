namespace Tiktok.Core.Caching;

/// <summary>
/// One viewer's flags as cached (<see cref="CardKind.Viewer"/>): everyone the viewer follows (when
/// there are at most <see cref="ViewerFlags.FollowedLimit"/>; else null and follows are queried),
/// and of the videos in <see cref="Videos"/> (the ones recently asked about) those the viewer liked.
/// All arrays sorted ascending. Only the viewer's own likes and follows change it.
/// </summary>
public sealed record ViewerFlagsCard(long[]? Followed, long[] Videos, long[] Liked)
{
    public bool Follows(long userId) => Followed is { } all && Array.BinarySearch(all, userId) >= 0;

    public bool Knows(long videoId) => Array.BinarySearch(Videos, videoId) >= 0;

    public bool Likes(long videoId) => Array.BinarySearch(Liked, videoId) >= 0;
}
