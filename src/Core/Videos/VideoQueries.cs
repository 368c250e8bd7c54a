using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>The feed, a user's works and a user's likes: a fixed number of queries each.</summary>
public sealed class VideoQueries(TiktokDbContext db, IOptions<TiktokOptions> options, FeedCache cache, Cards cards, ViewerFlags flags)
{
    private int ListLimit => options.Value.ListLimit;

    /// <summary>
    /// Newest videos published strictly before <paramref name="beforeMs"/> (null: no bound).
    /// Publish times are unique, so the cursor never repeats or skips a video.
    /// </summary>
    public async Task<FeedPage> FeedAsync(long? beforeMs, long? viewerId, int pageSize, CancellationToken ct)
    {
        FeedPage page;
        if (beforeMs is null && pageSize <= FeedCache.Size)
        {
            // The first page (of any size up to the cached one, so "is there more?" is answered too).
            var newest = await cache.NewestAsync(token => QueryFeedAsync(null, FeedCache.Size, token), ct);
            var videos = newest.Videos.Take(pageSize).ToList();
            page = new FeedPage(videos, videos.Count == 0 ? 0 : videos[^1].CreatedAt);
        }
        else
        {
            page = await QueryFeedAsync(beforeMs, pageSize, ct);
        }
        return page with { Videos = await flags.OnVideosAsync(viewerId, page.Videos, ct) };
    }

    private async Task<FeedPage> QueryFeedAsync(long? beforeMs, int pageSize, CancellationToken ct)
    {
        var query = db.Videos.AsNoTracking();
        if (beforeMs is { } before) query = query.Where(v => v.CreatedAt < before);
        var ids = await query.OrderByDescending(v => v.CreatedAt).Take(pageSize).Select(v => v.Id).ToListAsync(ct);
        var videos = await cards.VideosInOrderAsync(ids, ct);
        return new FeedPage(videos, videos.Count == 0 ? 0 : videos[^1].CreatedAt);
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
        var query = db.Likes.AsNoTracking().Where(l => l.UserId == userId);
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
        var ids = await TopPerKey.IdsAsync(authorIds, author => db.Videos.AsNoTracking()
            .Where(v => v.AuthorId == author).OrderByDescending(v => v.CreatedAt).Take(count).Select(v => v.Id), ct);
        var byAuthor = (await ManyAsync(ids, viewerId, ct)).Values.ToLookup(v => v.Author.Id);
        return authorIds.Distinct().ToDictionary(id => id,
            id => (IReadOnlyList<VideoView>)byAuthor[id].OrderByDescending(v => v.CreatedAt).ToList());
    }
}
