using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Caching;

/// <summary>
/// The viewer's flags (is_follow, is_favorite, blocks) through the <see cref="IHotCache"/>: one entry per
/// viewer (<see cref="ViewerFlagsCard"/>), filled by one query and dropped by the viewer's own like
/// or follow, and by a block either way, after its commit and before its answer (the Like, Follow and
/// Block rules of <see cref="Data.Effects.EffectRules"/>), so a viewer always reads their own writes,
/// and no other viewer's entry is ever consulted.
/// See docs/operations.md, "Viewer flags".
/// </summary>
public sealed class ViewerFlags(TiktokDbContext db, IHotCache cache)
{
    /// <summary>Most followees kept in an entry; a viewer who follows more has follows queried each time.</summary>
    public const int FollowedLimit = 256;

    /// <summary>Most blocked users (and most blockers) kept in an entry; past it, blocks are queried each time.</summary>
    public const int BlockedLimit = 256;

    /// <summary>Most videos an entry knows the like of; past it, the videos asked about last are kept.</summary>
    public const int KnownVideosLimit = 128;

    /// <summary>Sets whether the viewer liked each video and follows its author.</summary>
    public async Task<IReadOnlyList<VideoView>> OnVideosAsync(long? viewerId, IReadOnlyList<VideoView> videos, CancellationToken ct) =>
        (await FlagAsync(viewerId, videos, leaveOutHidden: false, ct)).Videos;

    /// <summary>
    /// Sets the flags as <see cref="OnVideosAsync"/> does and leaves out the videos whose author is
    /// hidden from the viewer (blocked either way), from the same entry: one cache lookup for both.
    /// <c>Filtered</c> says whether any was left out.
    /// </summary>
    public Task<(IReadOnlyList<VideoView> Videos, bool Filtered)> OnVisibleVideosAsync(long? viewerId, IReadOnlyList<VideoView> videos, CancellationToken ct) =>
        FlagAsync(viewerId, videos, leaveOutHidden: true, ct);

    private async Task<(IReadOnlyList<VideoView> Videos, bool Filtered)> FlagAsync(long? viewerId, IReadOnlyList<VideoView> videos,
        bool leaveOutHidden, CancellationToken ct)
    {
        if (viewerId is not { } viewer || videos.Count == 0) return (videos, false);
        var videoIds = videos.Select(v => v.Id).Distinct().ToList();
        var card = await CardAsync(viewer, videoIds, ct);
        var authorIds = videos.Select(v => v.Author.Id).Distinct().ToList();
        var followed = card.Followed is null ? await db.FollowedByAsync(viewer, authorIds, ct) : null;
        var hidden = leaveOutHidden && card.HidesAnyone ? await HiddenAmongAsync(viewer, card, authorIds, ct) : [];
        var flagged = videos.Where(v => !hidden.Contains(v.Author.Id)).Select(v => v with
        {
            IsLiked = card.Likes(v.Id),
            Author = v.Author with { IsFollow = followed?.Contains(v.Author.Id) ?? card.Follows(v.Author.Id) },
        }).ToList();
        return (flagged, flagged.Count < videos.Count);
    }

    /// <summary>Sets whether the viewer follows each user.</summary>
    public async Task<IReadOnlyList<UserView>> OnUsersAsync(long? viewerId, IReadOnlyList<UserView> users, CancellationToken ct)
    {
        if (viewerId is null || users.Count == 0) return users;
        var followed = await FollowedAmongAsync(viewerId, users.Select(u => u.Id).ToList(), ct);
        return users.Select(u => u with { IsFollow = followed.Contains(u.Id) }).ToList();
    }

    /// <summary>Which of <paramref name="userIds"/> the viewer follows (nothing without a viewer).</summary>
    public async Task<HashSet<long>> FollowedAmongAsync(long? viewerId, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (viewerId is not { } viewer || userIds.Count == 0) return [];
        var card = await CardAsync(viewer, [], ct);
        if (card.Followed is null) return await db.FollowedByAsync(viewer, userIds, ct);
        return userIds.Where(card.Follows).ToHashSet();
    }

    /// <summary>
    /// Whether anyone is hidden from the viewer (someone they blocked or who blocked them): lists
    /// filter blocked users out only for such viewers, so everyone else's reads stay as they are.
    /// From the viewer's entry (no query when it is cached).
    /// </summary>
    public async Task<bool> HidesAnyoneAsync(long? viewerId, CancellationToken ct) =>
        viewerId is { } viewer && (await CardAsync(viewer, [], ct)).HidesAnyone;

    /// <summary>
    /// Which of <paramref name="userIds"/> are hidden from the viewer: blocked by them, or blocking
    /// them. From the viewer's entry, or one query when it holds too many blocks to know.
    /// </summary>
    public async Task<HashSet<long>> HiddenAmongAsync(long? viewerId, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (viewerId is not { } viewer || userIds.Count == 0) return [];
        return await HiddenAmongAsync(viewer, await CardAsync(viewer, [], ct), userIds, ct);
    }

    private async Task<HashSet<long>> HiddenAmongAsync(long viewer, ViewerFlagsCard card, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (!card.HidesAnyone || userIds.Count == 0) return [];
        if (card.KnowsBlocks) return userIds.Where(card.Hides).ToHashSet();
        var ids = userIds.Distinct().ToList();
        return await db.Blocks.AsNoTracking()
            .Where(b => (b.BlockerId == viewer && ids.Contains(b.BlockedId)) || (b.BlockedId == viewer && ids.Contains(b.BlockerId)))
            .Select(b => b.BlockerId == viewer ? b.BlockedId : b.BlockerId)
            .ToHashSetAsync(ct);
    }

    /// <summary>
    /// Everyone hidden from the viewer (blocked by them or blocking them), for a filter that cannot
    /// ask per item (a subscription's stream): from the entry, or one query of at most
    /// <see cref="HiddenQueryLimit"/> ids per direction.
    /// </summary>
    public async Task<IReadOnlySet<long>> HiddenUsersAsync(long? viewerId, CancellationToken ct)
    {
        if (viewerId is not { } viewer) return new HashSet<long>();
        var card = await CardAsync(viewer, [], ct);
        if (!card.HidesAnyone) return new HashSet<long>();
        if (card.KnowsBlocks) return card.Blocked!.Concat(card.BlockedBy!).ToHashSet();
        return await db.Blocks.AsNoTracking().Where(b => b.BlockerId == viewer).OrderBy(b => b.BlockedId).Take(HiddenQueryLimit).Select(b => b.BlockedId)
            .Concat(db.Blocks.AsNoTracking().Where(b => b.BlockedId == viewer).OrderBy(b => b.BlockerId).Take(HiddenQueryLimit).Select(b => b.BlockerId))
            .ToHashSetAsync(ct);
    }

    /// <summary>Most ids per direction that <see cref="HiddenUsersAsync"/> reads when the entry holds too many blocks to know.</summary>
    public const int HiddenQueryLimit = 10_000;

    /// <summary>Which of <paramref name="userIds"/> the viewer blocked (nothing without a viewer).</summary>
    public async Task<HashSet<long>> BlockedAmongAsync(long? viewerId, IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        if (viewerId is not { } viewer || userIds.Count == 0) return [];
        var card = await CardAsync(viewer, [], ct);
        if (card.Blocked is { } blocked) return userIds.Where(id => Array.BinarySearch(blocked, id) >= 0).ToHashSet();
        var ids = userIds.Distinct().ToList();
        return await db.Blocks.AsNoTracking().Where(b => b.BlockerId == viewer && ids.Contains(b.BlockedId))
            .Select(b => b.BlockedId).ToHashSetAsync(ct);
    }

    /// <summary>
    /// The viewer's entry, knowing the likes of <paramref name="videoIds"/>. An entry that does not
    /// know them is dropped and loaded again knowing them too (one query); if another reader's fill
    /// wins that race, the answer is read from the database and not stored.
    /// </summary>
    private async Task<ViewerFlagsCard> CardAsync(long viewer, IReadOnlyList<long> videoIds, CancellationToken ct)
    {
        var card = await GetAsync(viewer, videoIds, ct);
        if (videoIds.All(card.Knows)) return card;
        var wanted = videoIds.Concat(card.Videos.Where(id => !videoIds.Contains(id))).Take(Math.Max(KnownVideosLimit, videoIds.Count)).ToList();
        await cache.InvalidateAsync([CardKey.Viewer(viewer)], ct);
        card = await GetAsync(viewer, wanted, ct);
        return videoIds.All(card.Knows) ? card : await LoadAsync(viewer, videoIds, ct);
    }

    private async Task<ViewerFlagsCard> GetAsync(long viewer, IReadOnlyList<long> videoIds, CancellationToken ct)
    {
        var found = await cache.GetManyAsync<ViewerFlagsCard>(CardKind.Viewer, [viewer], async (_, token) =>
            new Dictionary<long, ViewerFlagsCard> { [viewer] = await LoadAsync(viewer, videoIds, token) }, ct);
        return found.TryGetValue(viewer, out var card) ? card : await LoadAsync(viewer, videoIds, ct);
    }

    /// <summary>
    /// One query: the viewer's likes among <paramref name="videoIds"/>, their followees, the users
    /// they blocked and those who blocked them (each up to one past its limit).
    /// </summary>
    private async Task<ViewerFlagsCard> LoadAsync(long viewer, IReadOnlyList<long> videoIds, CancellationToken ct)
    {
        const int Liked = 0, Followed = 1, Blocked = 2, BlockedBy = 3;
        var ids = videoIds.Distinct().ToList();
        var others = db.Follows.AsNoTracking().Where(f => f.FollowerId == viewer)
            .OrderBy(f => f.FolloweeId).Take(FollowedLimit + 1)
            .Select(f => new { Kind = Followed, Id = f.FolloweeId })
            .Concat(db.Blocks.AsNoTracking().Where(b => b.BlockerId == viewer)
                .OrderBy(b => b.BlockedId).Take(BlockedLimit + 1)
                .Select(b => new { Kind = Blocked, Id = b.BlockedId }))
            .Concat(db.Blocks.AsNoTracking().Where(b => b.BlockedId == viewer)
                .OrderBy(b => b.BlockerId).Take(BlockedLimit + 1)
                .Select(b => new { Kind = BlockedBy, Id = b.BlockerId }));
        var rows = ids.Count == 0
            ? await others.ToListAsync(ct)
            : await db.Likes.AsNoTracking().Where(l => l.UserId == viewer && ids.Contains(l.VideoId))
                .Select(l => new { Kind = Liked, Id = l.VideoId })
                .Concat(others).ToListAsync(ct);
        long[]? Of(int kind, int limit)
        {
            var found = rows.Where(r => r.Kind == kind).Select(r => r.Id).Order().ToArray();
            return found.Length > limit ? null : found;
        }
        return new ViewerFlagsCard(
            Of(Followed, FollowedLimit),
            ids.Order().ToArray(),
            rows.Where(r => r.Kind == Liked).Select(r => r.Id).Order().ToArray(),
            Of(Blocked, BlockedLimit),
            Of(BlockedBy, BlockedLimit));
    }
}
