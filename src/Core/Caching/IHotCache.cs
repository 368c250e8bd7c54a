namespace Tiktok.Core.Caching;

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
