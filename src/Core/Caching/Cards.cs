using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Caching;

/// <summary>
/// Users and videos by id through the <see cref="IHotCache"/>: every list (feed, works, likes,
/// follow lists, comments, GraphQL loaders) first finds its ids in the database, then takes the rows
/// from here: one cache lookup per kind, and one query per kind for whatever was missing.
/// Viewer flags (followed, liked) are per viewer and never cached.
/// </summary>
public sealed class Cards(TiktokDbContext db, IHotCache cache)
{
    public Task<IReadOnlyDictionary<long, UserView>> UsersAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
        cache.GetManyAsync<UserView>(CardKind.User, ids, async (missing, token) =>
        {
            var list = missing.ToList();
            return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).Select(UserViews.Projection)
                .ToDictionaryAsync(u => u.Id, token) as IReadOnlyDictionary<long, UserView>;
        }, ct);

    /// <summary>Videos with their authors (without viewer flags); unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<long, VideoView>> VideosAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var cards = await cache.GetManyAsync<VideoCard>(CardKind.Video, ids, async (missing, token) =>
        {
            var list = missing.ToList();
            return await db.Videos.AsNoTracking().Where(v => list.Contains(v.Id))
                .Select(v => new VideoCard(v.Id, v.AuthorId, v.PlayKey, v.CoverKey, v.LikeCount, v.CommentCount, v.Title, v.CreatedAt))
                .ToDictionaryAsync(v => v.Id, token) as IReadOnlyDictionary<long, VideoCard>;
        }, ct);
        if (cards.Count == 0) return new Dictionary<long, VideoView>();
        var authors = await UsersAsync(cards.Values.Select(c => c.AuthorId).Distinct().ToList(), ct);
        return cards.Values.Where(c => authors.ContainsKey(c.AuthorId)).ToDictionary(c => c.Id, c =>
            new VideoView(c.Id, authors[c.AuthorId], c.PlayKey, c.CoverKey, c.LikeCount, c.CommentCount, false, c.Title, c.CreatedAt));
    }

    /// <summary>The videos of <paramref name="ids"/> in that order (unknown ids skipped).</summary>
    public async Task<IReadOnlyList<VideoView>> VideosInOrderAsync(IReadOnlyList<long> ids, CancellationToken ct) =>
        InOrder(ids, await VideosAsync(ids, ct));

    /// <summary>The users of <paramref name="ids"/> in that order (unknown ids skipped).</summary>
    public async Task<IReadOnlyList<UserView>> UsersInOrderAsync(IReadOnlyList<long> ids, CancellationToken ct) =>
        InOrder(ids, await UsersAsync(ids, ct));

    private static List<T> InOrder<T>(IReadOnlyList<long> ids, IReadOnlyDictionary<long, T> found) =>
        ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
}
