using Tiktok.Core.Events;
using Tiktok.Core.Videos;

namespace Tiktok.Tests.Units;

public sealed class FeedCacheTests
{
    private static readonly FeedPage Page = new([], 0);

    [Fact]
    public async Task A_page_read_before_a_commit_is_never_served_after_it()
    {
        var cache = new FeedCache();
        var readAt = await cache.VersionAsync();
        // A write commits while the reader is still querying...
        await cache.HandleAsync(new VideoCountsChanged(1, 1, 0), default);
        // ...so the reader's (possibly old) page must not be kept.
        await cache.StoreNewestAsync(readAt, Page);
        Assert.Null(await cache.CachedNewestAsync());
    }

    [Fact]
    public async Task A_stored_page_is_served_until_the_next_commit()
    {
        var cache = new FeedCache();
        await cache.StoreNewestAsync(await cache.VersionAsync(), Page);
        Assert.Same(Page, await cache.CachedNewestAsync());
        await cache.HandleAsync(new MessageStored(1, 1, 2, "hi", 1, 0), default);
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
