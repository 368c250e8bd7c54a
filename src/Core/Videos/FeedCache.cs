using Tiktok.Core.Caching;

namespace Tiktok.Core.Videos;

/// <summary>
/// The newest feed page (without viewer flags), kept in memory and dropped by every committed
/// change to what it shows: a video added or removed, or a change to a video or an author on the
/// page (counts, cover, profile). A chat message, or a follow between users not on the page, keeps it. A page is stored only under the version that was current before it was read, and
/// served only while that version is still current, so a reader never sees a write undone: the
/// version moves after the commit and before the writer's answer.
/// With several instances the version is an <see cref="ISharedFeedVersion"/> (Redis): a commit on
/// one instance moves it for all, and every cached read checks it (docs/operations.md).
/// </summary>
public sealed class FeedCache(ISharedFeedVersion? shared = null)
{
    /// <summary>Videos kept: a full page plus one, so a client asking for a page can be told whether more follow.</summary>
    public const int Size = Data.Limits.FeedPage + 1;

    /// <summary>The version when the shared one cannot be read: never stored under, never served.</summary>
    public const long Unknown = long.MinValue;

    /// <summary>
    /// With a shared version, the longest a page is served: bounds staleness in the one case the
    /// version cannot cover (another instance committed while it could not reach Redis).
    /// </summary>
    public static readonly TimeSpan SharedMaxAge = TimeSpan.FromSeconds(5);

    private sealed record Entry(long Version, FeedPage Page, long StoredAt);

    private readonly SemaphoreSlim _refill = new(1, 1);
    private long _version;
    private Entry? _newest;

    public async ValueTask<long> VersionAsync() =>
        shared is null ? Interlocked.Read(ref _version) : await shared.ReadAsync() ?? Unknown;

    /// <summary>The cached newest page if it is still current, else null.</summary>
    public async ValueTask<FeedPage?> CachedNewestAsync() => CachedAt(await VersionAsync());

    /// <summary>
    /// The newest page, from the cache or from <paramref name="query"/>. When the page is missing,
    /// one caller queries and the others wait for its page (no stampede on the hottest read after
    /// every commit). Without a known version (shared version unreachable) nobody waits: each
    /// caller reads the database. The version is read once per step (with Redis, each read is a GET).
    /// </summary>
    public async Task<FeedPage> NewestAsync(Func<CancellationToken, Task<FeedPage>> query, CancellationToken ct)
    {
        var version = await VersionAsync();
        if (CachedAt(version) is { } cached) return cached;
        if (version == Unknown) return await query(ct);
        await _refill.WaitAsync(ct);
        try
        {
            version = await VersionAsync();
            if (CachedAt(version) is { } filled) return filled;
            var page = await query(ct);
            Store(version, page);
            return page;
        }
        finally
        {
            _refill.Release();
        }
    }

    /// <param name="readAtVersion">the <see cref="VersionAsync"/> read before the page was queried.</param>
    public async ValueTask StoreNewestAsync(long readAtVersion, FeedPage page)
    {
        if (readAtVersion == await VersionAsync()) Store(readAtVersion, page);
    }

    private FeedPage? CachedAt(long version)
    {
        var entry = Volatile.Read(ref _newest);
        if (entry is null || version == Unknown || entry.Version != version) return null;
        if (shared is not null && Environment.TickCount64 - entry.StoredAt > (long)SharedMaxAge.TotalMilliseconds) return null;
        return entry.Page;
    }

    /// <summary>
    /// Keeps a page tagged with the version it was read at. A page whose version has moved on is
    /// never served (<see cref="CachedAt"/> compares), so storing it late is harmless.
    /// </summary>
    private void Store(long version, FeedPage page)
    {
        if (version != Unknown) Volatile.Write(ref _newest, new Entry(version, page, Environment.TickCount64));
    }

    /// <summary>
    /// After a commit: moves the version (dropping the page, here and through the shared version on
    /// every instance) when the feed was <paramref name="reordered"/>, when a changed card is on the
    /// page, or when no current page says what is on it (a reader may be querying one right now).
    /// </summary>
    /// <remarks>
    /// Every page stored under one version shows the same videos and authors (only a reorder
    /// changes which, and it moves the version), so this instance's current page speaks for every
    /// instance's page of that version.
    /// </remarks>
    public async ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> changed, bool reordered, CancellationToken cancellationToken)
    {
        if (!reordered && changed.Count == 0) return;
        if (!reordered && await CachedNewestAsync() is { } page && !Shows(page, changed)) return;
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _newest, null);
        if (shared is not null) await shared.BumpAsync(cancellationToken);
    }

    private static bool Shows(FeedPage page, IReadOnlyCollection<CardKey> changed)
    {
        foreach (var video in page.Videos)
        {
            if (changed.Contains(CardKey.Video(video.Id)) || changed.Contains(CardKey.User(video.Author.Id))) return true;
        }
        return false;
    }
}
