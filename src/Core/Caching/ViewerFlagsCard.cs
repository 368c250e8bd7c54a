namespace Tiktok.Core.Caching;

/// <summary>
/// One viewer's flags as cached (<see cref="CardKind.Viewer"/>): everyone the viewer follows (when
/// there are at most <see cref="ViewerFlags.FollowedLimit"/>; else null and follows are queried),
/// and of the videos in <see cref="Videos"/> (the ones recently asked about) those the viewer liked;
/// the users the viewer blocked (<see cref="Blocked"/>) and those who blocked the viewer
/// (<see cref="BlockedBy"/>), each null when there are more than
/// <see cref="ViewerFlags.BlockedLimit"/> (or the entry predates blocking): blocks are then queried.
/// All arrays sorted ascending. Only the viewer's own likes, follows and blocks, and blocks of the
/// viewer, change it.
/// </summary>
public sealed record ViewerFlagsCard(long[]? Followed, long[] Videos, long[] Liked, long[]? Blocked = null, long[]? BlockedBy = null)
{
    /// <summary>Whether the viewer may have blocked someone or been blocked (false: nobody is hidden from them).</summary>
    public bool HidesAnyone => Blocked is not { Length: 0 } || BlockedBy is not { Length: 0 };

    /// <summary>Whether both block lists are in the entry.</summary>
    public bool KnowsBlocks => Blocked is not null && BlockedBy is not null;

    public bool Hides(long userId) =>
        Array.BinarySearch(Blocked!, userId) >= 0 || Array.BinarySearch(BlockedBy!, userId) >= 0;

    public bool Follows(long userId) => Followed is { } all && Array.BinarySearch(all, userId) >= 0;

    public bool Knows(long videoId) => Array.BinarySearch(Videos, videoId) >= 0;

    public bool Likes(long videoId) => Array.BinarySearch(Liked, videoId) >= 0;
}
