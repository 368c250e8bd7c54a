using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>One page of the feed and the cursor for the next.</summary>
public sealed record FeedPage(IReadOnlyList<VideoView> Videos, long NextTime);

/// <summary>The feed, a user's works and a user's likes: a fixed number of queries each.</summary>
public sealed class VideoQueries(TiktokDbContext db, IOptions<TiktokOptions> options, FeedCache cache)
{
    private int ListLimit => options.Value.ListLimit;

    /// <summary>
    /// Newest videos published strictly before <paramref name="beforeMs"/> (null: no bound).
    /// Publish times are unique, so the cursor never repeats or skips a video.
    /// </summary>
    public async Task<FeedPage> FeedAsync(long? beforeMs, long? viewerId, int pageSize, CancellationToken ct)
    {
        var newest = beforeMs is null && pageSize == Limits.FeedPage;
        var page = newest ? cache.Newest() : null;
        if (page is null)
        {
            var version = cache.Version;
            page = await QueryFeedAsync(beforeMs, pageSize, ct);
            if (newest) cache.StoreNewest(version, page);
        }
        return page with { Videos = await db.WithViewerFlagsAsync(viewerId, page.Videos, ct) };
    }

    private async Task<FeedPage> QueryFeedAsync(long? beforeMs, int pageSize, CancellationToken ct)
    {
        var query = db.Videos.AsNoTracking();
        if (beforeMs is { } before) query = query.Where(v => v.CreatedAt < before);
        var videos = await query.OrderByDescending(v => v.CreatedAt).Take(pageSize)
            .Select(VideoViews.Projection).ToListAsync(ct);
        return new FeedPage(videos, videos.Count == 0 ? 0 : videos[^1].CreatedAt);
    }

    public async Task<VideoView> GetAsync(long videoId, long? viewerId, CancellationToken ct)
    {
        var video = await db.Videos.AsNoTracking().Where(v => v.Id == videoId).Select(VideoViews.Projection)
            .FirstOrDefaultAsync(ct) ?? throw DomainErrors.VideoNotFound(videoId);
        return (await db.WithViewerFlagsAsync(viewerId, [video], ct))[0];
    }

    /// <summary>Videos published by <paramref name="authorId"/>, newest first.</summary>
    public async Task<IReadOnlyList<VideoView>> PublishedByAsync(long authorId, long? viewerId, CancellationToken ct)
    {
        await EnsureUserAsync(authorId, ct);
        var videos = await db.Videos.AsNoTracking()
            .Where(v => v.AuthorId == authorId)
            .OrderByDescending(v => v.CreatedAt)
            .Take(ListLimit)
            .Select(VideoViews.Projection).ToListAsync(ct);
        return await db.WithViewerFlagsAsync(viewerId, videos, ct);
    }

    /// <summary>Videos liked by <paramref name="userId"/>, most recently liked first.</summary>
    public async Task<IReadOnlyList<VideoView>> LikedByAsync(long userId, long? viewerId, CancellationToken ct)
    {
        await EnsureUserAsync(userId, ct);
        var videos = await db.Likes.AsNoTracking()
            .Where(l => l.UserId == userId)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.VideoId)
            .Take(ListLimit)
            .Select(l => l.Video).Select(VideoViews.Projection).ToListAsync(ct);
        return await db.WithViewerFlagsAsync(viewerId, videos, ct);
    }

    private async Task EnsureUserAsync(long userId, CancellationToken ct)
    {
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct)) throw DomainErrors.UserNotFound(userId);
    }
}
