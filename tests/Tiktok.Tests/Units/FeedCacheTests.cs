using Tiktok.Core.Caching;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Tests.Units;

public sealed class FeedCacheTests
{
    private static readonly FeedPage Page = new([], 0);

    private static readonly FeedPage OneVideo = new(
        [new VideoView(7, new UserView(3, "author", 0, 0, false, "", "", "", 0, 1, 0), "videos/x.mp4", "covers/x.jpg", 0, 0, false, "t", 1)], 1);

    [Fact]
    public async Task A_page_read_before_a_commit_is_never_served_after_it()
    {
        var cache = new FeedCache();
        var readAt = await cache.VersionAsync();
        // A write commits while the reader is still querying (no page is cached to say what it shows)...
        await cache.InvalidateAsync([CardKey.Video(1)], reordered: false, default);
        // ...so the reader's (possibly old) page must not be kept.
        await cache.StoreNewestAsync(readAt, Page);
        Assert.Null(await cache.CachedNewestAsync());
    }

    [Fact]
    public async Task A_stored_page_is_served_until_a_commit_changes_what_it_shows()
    {
        var cache = new FeedCache();
        await cache.StoreNewestAsync(await cache.VersionAsync(), OneVideo);
        // A chat message changes no card; a follow between users not on the page changes cards that are not on it.
        await cache.InvalidateAsync([], reordered: false, default);
        await cache.InvalidateAsync([CardKey.User(41), CardKey.User(42)], reordered: false, default);
        await cache.InvalidateAsync([CardKey.Video(8)], reordered: false, default);
        Assert.Same(OneVideo, await cache.CachedNewestAsync());

        // The page's author changed (a follow of them, a like of another of their videos).
        await cache.InvalidateAsync([CardKey.User(3)], reordered: false, default);
        Assert.Null(await cache.CachedNewestAsync());

        await cache.StoreNewestAsync(await cache.VersionAsync(), OneVideo);
        await cache.InvalidateAsync([CardKey.Video(7)], reordered: false, default);
        Assert.Null(await cache.CachedNewestAsync());

        await cache.StoreNewestAsync(await cache.VersionAsync(), OneVideo);
        await cache.InvalidateAsync([], reordered: true, default);
        Assert.Null(await cache.CachedNewestAsync());
    }
}

public sealed class FeedCacheStampedeTests
{
    [Fact]
    public async Task Many_readers_of_a_missing_page_run_one_query()
    {
        var cache = new FeedCache();
        var queries = 0;
        var gate = new TaskCompletionSource();
        async Task<FeedPage> Query(CancellationToken ct)
        {
            Interlocked.Increment(ref queries);
            await gate.Task;
            return new FeedPage([], 0);
        }
        var readers = Enumerable.Range(0, 20).Select(_ => cache.NewestAsync(Query, default)).ToList();
        gate.SetResult();
        await Task.WhenAll(readers);
        Assert.Equal(1, queries);
    }
}
