namespace Tiktok.Core.Caching;

/// <summary>What a cache entry holds: one user's or one video's row, as every viewer sees it.</summary>
public enum CardKind
{
    User,
    Video,
}

/// <summary>One cache entry's name.</summary>
public readonly record struct CardKey(CardKind Kind, long Id)
{
    public static CardKey User(long id) => new(CardKind.User, id);
    public static CardKey Video(long id) => new(CardKind.Video, id);

    /// <summary>The short name used in Redis keys (<c>u:42</c>, <c>v:7</c>).</summary>
    public override string ToString() => (Kind == CardKind.User ? "u:" : "v:") + Id;
}

/// <summary>
/// The cache of hot reads (users and videos with their counts), in memory on one instance or in
/// Redis shared by all (see docs/operations.md, "Caching"). Its two promises:
/// <list type="bullet">
/// <item>No write is undone for its writer: after a commit the writer invalidates the rows it
/// changed before it answers, and a reader that loaded a row before that invalidation cannot store
/// it afterwards (each fill needs a lease that the invalidation revokes).</item>
/// <item>No stampede: when an entry is missing, one reader (the lease holder) loads it from the
/// database; readers that miss at the same moment wait briefly for its fill instead of querying too.</item>
/// </list>
/// A cache that cannot answer (Redis down) is a miss: the request is served from the database.
/// </summary>
public interface IHotCache
{
    /// <summary>
    /// The entries for <paramref name="ids"/>: cached ones as they are, missing ones loaded by
    /// <paramref name="load"/> (one call for all the misses this caller holds leases for, one for
    /// the rest it could not wait for) and stored. Ids <paramref name="load"/> does not return are absent.
    /// </summary>
    Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken ct) where T : class;

    /// <summary>
    /// Drops the entries and revokes their fill leases. Called after the commit that changed them
    /// and before the writer's answer; must not throw (a cache that cannot be reached makes the
    /// instance bypass it until the invalidation is known to have taken effect).
    /// </summary>
    ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct);
}

/// <summary>The <c>Tiktok:Cache</c> section.</summary>
public sealed class CacheOptions
{
    public const string Section = "Tiktok:Cache";

    /// <summary>Off: every read goes to the database (the N+1 tests measure queries this way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry lives. Invalidation keeps entries exact; this bounds staleness only where
    /// an invalidation could not reach Redis while a reader on another instance could.
    /// </summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries the in-memory cache keeps (one instance, no Redis).</summary>
    public int MemoryEntries { get; set; } = 20_000;

    /// <summary>How long a loader holds its fill lease: past it another reader may load instead.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a reader that missed waits for another reader's fill before loading itself.</summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>No cache: every read loads from the database.</summary>
public sealed class NoHotCache : IHotCache
{
    public Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken ct) where T : class =>
        ids.Count == 0 ? Task.FromResult<IReadOnlyDictionary<long, T>>(new Dictionary<long, T>()) : load(ids, ct);

    public ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct) => ValueTask.CompletedTask;
}

/// <summary>
/// How the hot-read cache answers, as a .NET meter <c>Tiktok.Cache</c> (exported on <c>/metrics</c>
/// by prometheus-net's meter adapter as <c>tiktok_cache_lookups{kind,result}</c>, a running total):
/// <c>hit</c> from the cache, <c>loaded</c> by this
/// reader under its lease (and stored), <c>filled</c> by another reader's load it waited for,
/// <c>direct</c> loaded without storing (a wait that ran out, an unreadable entry), <c>bypass</c>
/// loaded without the cache (Redis unreachable, or invalidations still owed).
/// </summary>
public static class CacheMetrics
{
    public const string MeterName = "Tiktok.Cache";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);

    private static readonly System.Diagnostics.Metrics.Counter<long> Lookups = Meter.CreateCounter<long>(
        "lookups", unit: "{entry}", description: "Entries asked of the hot-read cache, by how they were answered");

    public static void Count(CardKind kind, string result, int entries)
    {
        if (entries <= 0) return;
        Lookups.Add(entries,
            new KeyValuePair<string, object?>("kind", kind == CardKind.User ? "user" : "video"),
            new KeyValuePair<string, object?>("result", result));
    }
}
