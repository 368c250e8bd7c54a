using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Blocks;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Lists;
using Tiktok.Core.Users;

namespace Tiktok.Core.Videos;

/// <summary>The feed, a user's works and a user's likes: a fixed number of queries each.</summary>
public sealed class VideoQueries(TiktokDbContext db, IOptions<TiktokOptions> options, FeedCache cache, Cards cards, ViewerFlags flags)
{
    private int ListLimit => options.Value.ListLimit;

    /// <summary>
    /// Newest videos published strictly before <paramref name="beforeMs"/> (null: no bound).
    /// Publish times are unique, so the cursor never repeats or skips a video. A viewer who blocked
    /// someone or was blocked sees none of that user's videos: the shared newest page filtered in
    /// memory while it still fills the page, else a query that leaves them out (<see cref="BlockRules.VisibleTo"/>).
    /// </summary>
    public async Task<FeedPage> FeedAsync(long? beforeMs, long? viewerId, int pageSize, CancellationToken ct)
    {
        if (beforeMs is null && pageSize <= FeedCache.Size)
        {
            // The first page (of any size up to the cached one, so "is there more?" is answered too):
            // the shared page, flagged and filtered from the viewer's one flags entry.
            var newest = await cache.NewestAsync(token => QueryFeedAsync(null, FeedCache.Size, null, token), ct);
            var (visible, filtered) = await flags.OnVisibleVideosAsync(viewerId, newest.Videos, ct);
            if (!filtered || visible.Count >= pageSize || newest.Videos.Count < FeedCache.Size)
            {
                var videos = visible.Take(pageSize).ToList();
                return new FeedPage(videos, videos.Count == 0 ? 0 : videos[^1].CreatedAt) { Filtered = filtered };
            }
            // Hidden videos left the shared page short of a page while more may follow: ask the database.
        }
        var hiding = await flags.HidesAnyoneAsync(viewerId, ct) ? viewerId : null;
        var page = await QueryFeedAsync(beforeMs, pageSize, hiding, ct);
        return page with { Videos = await flags.OnVideosAsync(viewerId, page.Videos, ct) };
    }

    private async Task<FeedPage> QueryFeedAsync(long? beforeMs, int pageSize, long? hiding, CancellationToken ct)
    {
        var query = db.Videos.AsNoTracking();
        if (beforeMs is { } before) query = query.Where(v => v.CreatedAt < before);
        if (hiding is { } viewer) query = query.VisibleTo(db, viewer, v => v.AuthorId);
        var ids = await query.OrderByDescending(v => v.CreatedAt).Take(pageSize).Select(v => v.Id).ToListAsync(ct);
        var videos = await cards.VideosInOrderAsync(ids, ct);
        return new FeedPage(videos, videos.Count == 0 ? 0 : videos[^1].CreatedAt) { Filtered = hiding is not null };
    }

    /// <summary>Whether the viewer hides <paramref name="userId"/> (a list owned by them shows the viewer nothing).</summary>
    private async Task<bool> HidesAsync(long? viewerId, long userId, CancellationToken ct) =>
        (await flags.HiddenAmongAsync(viewerId, [userId], ct)).Count > 0;

    /// <summary>
    /// A page of the videos of the users <paramref name="viewerId"/> follows, newest first, after a
    /// (publish time, video id) cursor: one query joining follows to videos (the follows key
    /// (FollowerId, FolloweeId), then the videos index (AuthorId, CreatedAt) per followee), then the
    /// cards, whatever the number of follows. Blocks need no filter here: a block ends the follows
    /// between its two users and refuses new ones, so no followed author is hidden from the follower.
    /// </summary>
    public async Task<IReadOnlyList<VideoView>> FollowingFeedAsync(long viewerId, TimeCursor? after, int pageSize, CancellationToken ct)
    {
        var query = from f in db.Follows.AsNoTracking()
                    where f.FollowerId == viewerId
                    join v in db.Videos.AsNoTracking() on f.FolloweeId equals v.AuthorId
                    select v;
        // "CreatedAt <= at" first, so both databases take it as the bound of an index range, not a filter.
        if (after is { } c) query = query.Where(v => v.CreatedAt <= c.At && (v.CreatedAt < c.At || v.Id < c.Id));
        var ids = await query.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).Take(pageSize)
            .Select(v => v.Id).ToListAsync(ct);
        return await flags.OnVideosAsync(viewerId, await cards.VideosInOrderAsync(ids, ct), ct);
    }

    public async Task<VideoView> GetAsync(long videoId, long? viewerId, CancellationToken ct)
    {
        var found = await cards.VideosAsync([videoId], ct);
        if (!found.TryGetValue(videoId, out var video)) throw DomainErrors.VideoNotFound(videoId);
        return (await flags.OnVideosAsync(viewerId, [video], ct))[0];
    }

    /// <summary>Several videos by id with their authors and the viewer's flags; unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<long, VideoView>> ManyAsync(IReadOnlyCollection<long> videoIds, long? viewerId, CancellationToken ct)
    {
        var videos = await cards.VideosAsync(videoIds, ct);
        return (await flags.OnVideosAsync(viewerId, videos.Values.ToList(), ct)).ToDictionary(v => v.Id);
    }

    /// <summary>Videos published by <paramref name="authorId"/>, newest first.</summary>
    public Task<IReadOnlyList<VideoView>> PublishedByAsync(long authorId, long? viewerId, CancellationToken ct) =>
        PublishedByAsync(authorId, viewerId, null, ListLimit, ct);

    /// <summary>A page of <paramref name="authorId"/>'s videos published strictly before <paramref name="beforeMs"/>.</summary>
    public async Task<IReadOnlyList<VideoView>> PublishedByAsync(long authorId, long? viewerId, long? beforeMs, int limit, CancellationToken ct)
    {
        await db.RequireUserAsync(authorId, ct);
        if (await HidesAsync(viewerId, authorId, ct)) return [];
        var query = db.Videos.AsNoTracking().Where(v => v.AuthorId == authorId);
        if (beforeMs is { } before) query = query.Where(v => v.CreatedAt < before);
        var ids = await query.OrderByDescending(v => v.CreatedAt).Take(limit).Select(v => v.Id).ToListAsync(ct);
        return await flags.OnVideosAsync(viewerId, await cards.VideosInOrderAsync(ids, ct), ct);
    }

    /// <summary>Videos liked by <paramref name="userId"/>, most recently liked first.</summary>
    public async Task<IReadOnlyList<VideoView>> LikedByAsync(long userId, long? viewerId, CancellationToken ct) =>
        (await LikedByAsync(userId, viewerId, null, ListLimit, ct)).Select(l => l.Video).ToList();

    /// <summary>A page of the videos <paramref name="userId"/> liked, after a (liked at, video id) cursor.</summary>
    public async Task<IReadOnlyList<LikedVideo>> LikedByAsync(long userId, long? viewerId, TimeCursor? after, int limit, CancellationToken ct)
    {
        await db.RequireUserAsync(userId, ct);
        if (await HidesAsync(viewerId, userId, ct)) return [];
        var query = db.Likes.AsNoTracking().Where(l => l.UserId == userId);
        if (await flags.HidesAnyoneAsync(viewerId, ct)) query = query.VisibleTo(db, viewerId!.Value, l => l.Video.AuthorId);
        if (after is { } c) query = query.Where(l => l.CreatedAt < c.At || (l.CreatedAt == c.At && l.VideoId < c.Id));
        var rows = await query.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.VideoId).Take(limit)
            .Select(l => new { l.CreatedAt, l.VideoId }).ToListAsync(ct);
        var ids = rows.Select(r => r.VideoId).ToList();
        var videos = await cards.VideosAsync(ids, ct);
        var flagged = (await flags.OnVideosAsync(viewerId, videos.Values.ToList(), ct)).ToDictionary(v => v.Id);
        return rows.Where(r => flagged.ContainsKey(r.VideoId))
            .Select(r => new LikedVideo(flagged[r.VideoId], new TimeCursor(r.CreatedAt, r.VideoId))).ToList();
    }

    /// <summary>The newest <paramref name="count"/> videos of each author, in a fixed number of queries.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<VideoView>>> NewestOfAuthorsAsync(
        IReadOnlyCollection<long> authorIds, int count, long? viewerId, CancellationToken ct)
    {
        var hidden = await flags.HiddenAmongAsync(viewerId, authorIds, ct);
        var ids = await TopPerKey.IdsAsync(authorIds.Where(a => !hidden.Contains(a)).ToList(), author => db.Videos.AsNoTracking()
            .Where(v => v.AuthorId == author).OrderByDescending(v => v.CreatedAt).Take(count).Select(v => v.Id), ct);
        var byAuthor = (await ManyAsync(ids, viewerId, ct)).Values.ToLookup(v => v.Author.Id);
        return authorIds.Distinct().ToDictionary(id => id,
            id => (IReadOnlyList<VideoView>)byAuthor[id].OrderByDescending(v => v.CreatedAt).ToList());
    }

    /// <summary>A user's works: filterable and sortable by the video's own columns; newest first by default.</summary>
    public static ListShape<Video, VideoField> PublishedShape { get; } = new ListShape<Video, VideoField>(v => v.Id, true, v => v.CreatedAt)
        .Text(VideoField.Title, v => v.Title)
        .Number(VideoField.PublishedAt, v => v.CreatedAt)
        .Number(VideoField.LikeCount, v => v.LikeCount)
        .Number(VideoField.CommentCount, v => v.CommentCount);

    /// <summary>A user's likes: filterable and sortable by the liked video's columns; most recently liked first by default.</summary>
    public static ListShape<Like, VideoField> LikedShape { get; } = new ListShape<Like, VideoField>(l => l.VideoId, true, l => l.CreatedAt)
        .Text(VideoField.Title, l => l.Video.Title)
        .Number(VideoField.PublishedAt, l => l.Video.CreatedAt)
        .Number(VideoField.LikeCount, l => l.Video.LikeCount)
        .Number(VideoField.CommentCount, l => l.Video.CommentCount);

    /// <summary>
    /// A page of <paramref name="authorId"/>'s videos as <paramref name="query"/> asks, after the key
    /// values <paramref name="after"/>, reading only the columns and joins that <paramref name="parts"/> needs.
    /// </summary>
    public async Task<IReadOnlyList<Keyed<VideoView>>> PublishedPageAsync(long authorId, long? viewerId, ListQuery<VideoField> query,
        IReadOnlyList<long>? after, int limit, VideoParts parts, CancellationToken ct)
    {
        await db.RequireUserAsync(authorId, ct);
        if (await HidesAsync(viewerId, authorId, ct)) return [];
        var rows = await PublishedShape.PageAsync(db.Videos.AsNoTracking().Where(v => v.AuthorId == authorId), query, after, limit,
            VideoRow.Projection<Video>(v => v, parts), ct);
        return await ViewsAsync(rows, viewerId, parts, ct);
    }

    /// <summary>A page of the videos <paramref name="userId"/> liked, as <paramref name="query"/> asks (see <see cref="PublishedPageAsync"/>).</summary>
    public async Task<IReadOnlyList<Keyed<VideoView>>> LikedPageAsync(long userId, long? viewerId, ListQuery<VideoField> query,
        IReadOnlyList<long>? after, int limit, VideoParts parts, CancellationToken ct)
    {
        await db.RequireUserAsync(userId, ct);
        if (await HidesAsync(viewerId, userId, ct)) return [];
        var likes = db.Likes.AsNoTracking().Where(l => l.UserId == userId);
        if (await flags.HidesAnyoneAsync(viewerId, ct)) likes = likes.VisibleTo(db, viewerId!.Value, l => l.Video.AuthorId);
        var rows = await LikedShape.PageAsync(likes, query, after, limit,
            VideoRow.Projection<Like>(l => l.Video, parts), ct);
        return await ViewsAsync(rows, viewerId, parts, ct);
    }

    /// <summary>The rows as views: authors (from the cache) and the viewer's flags only where <paramref name="parts"/> asks.</summary>
    private async Task<IReadOnlyList<Keyed<VideoView>>> ViewsAsync(List<Keyed<VideoRow>> rows, long? viewerId, VideoParts parts, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        IReadOnlyDictionary<long, UserView>? authors = null;
        if (parts.HasFlag(VideoParts.Author))
        {
            var found = await cards.UsersAsync(rows.Select(r => r.Item.AuthorId).Distinct().ToList(), ct);
            authors = (await db.WithFollowFlagsAsync(viewerId, found.Values.ToList(), ct)).ToDictionary(u => u.Id);
        }
        var liked = new HashSet<long>();
        if (parts.HasFlag(VideoParts.Liked) && viewerId is { } viewer)
        {
            var ids = rows.Select(r => r.Item.Id).ToList();
            liked = await db.Likes.AsNoTracking().Where(l => l.UserId == viewer && ids.Contains(l.VideoId)).Select(l => l.VideoId).ToHashSetAsync(ct);
        }
        var views = new List<Keyed<VideoView>>(rows.Count);
        foreach (var (row, keys) in rows)
        {
            UserView author;
            if (authors is null) author = new UserView(row.AuthorId, "", 0, 0, false, "", "", "", 0, 0, 0);
            else if (!authors.TryGetValue(row.AuthorId, out author!)) continue;
            views.Add(new Keyed<VideoView>(new VideoView(row.Id, author, row.PlayKey, row.CoverKey, row.LikeCount, row.CommentCount,
                liked.Contains(row.Id), row.Title, row.CreatedAt), keys));
        }
        return views;
    }
}
