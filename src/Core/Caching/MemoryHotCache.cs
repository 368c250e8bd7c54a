using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tiktok.Core.Caching;

/// <summary>
/// The hot-read cache of a single instance (no Redis). Entries live in two generations of
/// dictionaries: new entries go into the current one; when it holds half of
/// <see cref="CacheOptions.MemoryEntries"/>, it becomes the previous one and the old previous is
/// dropped whole. A hit in the previous generation moves the entry forward. So memory stays under
/// the limit, recently used entries stay, and eviction costs nothing per request (no scans, unlike
/// a size-limited <c>MemoryCache</c>, whose compactions thrash when the working set exceeds it).
/// Storing a fill, moving an entry forward and invalidating take one lock, so a fill whose lease
/// was revoked can never land after the invalidation.
/// </summary>
public sealed class MemoryHotCache : IHotCache
{
    private sealed class Lease(long expiresAt)
    {
        public long ExpiresAt { get; } = expiresAt;
        public TaskCompletionSource Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record Entry(object Value, long ExpiresAt);

    private readonly CacheOptions _options;
    private readonly int _generationSize;
    private volatile ConcurrentDictionary<CardKey, Entry> _current = new();
    private volatile ConcurrentDictionary<CardKey, Entry> _previous = new();
    private readonly ConcurrentDictionary<CardKey, Lease> _leases = new();
    private readonly Lock _gate = new();
    private int _currentAdded; // under _gate

    public MemoryHotCache(IOptions<CacheOptions> options)
    {
        _options = options.Value;
        _generationSize = Math.Max(1, _options.MemoryEntries / 2);
    }

    /// <summary>Entries held now (both generations; an entry moved forward may be counted twice).</summary>
    public int Count => _current.Count + _previous.Count;

    private bool TryGet<T>(CardKey key, out T value) where T : class
    {
        var now = Environment.TickCount64;
        if (_current.TryGetValue(key, out var entry) && entry.ExpiresAt > now && entry.Value is T current)
        {
            value = current;
            return true;
        }
        if (_previous.TryGetValue(key, out entry) && entry.ExpiresAt > now && entry.Value is T previous)
        {
            lock (_gate)
            {
                // Only if it is still there: an invalidation since the read removed it for good.
                if (_previous.TryGetValue(key, out var still) && ReferenceEquals(still, entry)) Put(key, entry);
            }
            value = previous;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>Under <see cref="_gate"/>.</summary>
    private void Put(CardKey key, Entry entry)
    {
        if (_currentAdded >= _generationSize)
        {
            _previous = _current;
            _current = new ConcurrentDictionary<CardKey, Entry>();
            _currentAdded = 0;
        }
        if (_current.TryAdd(key, entry)) _currentAdded++;
        else _current[key] = entry;
    }

    public async Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken ct) where T : class
    {
        var found = new Dictionary<long, T>();
        var mine = new List<(long Id, Lease Lease)>();
        var theirs = new List<(long Id, Lease Lease)>();
        var now = Environment.TickCount64;
        foreach (var id in ids.Distinct())
        {
            var key = new CardKey(kind, id);
            if (TryGet<T>(key, out var cached))
            {
                found[id] = cached;
                continue;
            }
            var lease = new Lease(now + (long)_options.LeaseDuration.TotalMilliseconds);
            var held = _leases.GetOrAdd(key, lease);
            if (ReferenceEquals(held, lease)) mine.Add((id, lease));
            else if (held.ExpiresAt < now && _leases.TryUpdate(key, lease, held)) mine.Add((id, lease));
            else theirs.Add((id, held));
        }

        CacheMetrics.Count(kind, "hit", found.Count);
        if (mine.Count > 0)
        {
            CacheMetrics.Count(kind, "loaded", mine.Count);
            try
            {
                var loaded = await load(mine.Select(m => m.Id).ToList(), ct);
                lock (_gate)
                {
                    foreach (var (id, lease) in mine)
                    {
                        if (!loaded.TryGetValue(id, out var value)) continue;
                        found[id] = value;
                        // Still ours: no invalidation since the lease was taken, so the value is current.
                        if (_leases.TryRemove(new KeyValuePair<CardKey, Lease>(new CardKey(kind, id), lease)))
                            Put(new CardKey(kind, id), new Entry(value, Environment.TickCount64 + (long)_options.EntryLifetime.TotalMilliseconds));
                    }
                }
            }
            finally
            {
                foreach (var (id, lease) in mine)
                {
                    _leases.TryRemove(new KeyValuePair<CardKey, Lease>(new CardKey(kind, id), lease));
                    lease.Settled.TrySetResult();
                }
            }
        }

        if (theirs.Count > 0)
        {
            // Another reader is loading these: wait for its fill rather than query the same rows.
            try
            {
                await Task.WhenAll(theirs.Select(t => t.Lease.Settled.Task)).WaitAsync(_options.FillWait, ct);
            }
            catch (TimeoutException)
            {
            }
            var still = new List<long>();
            foreach (var (id, _) in theirs)
            {
                if (TryGet<T>(new CardKey(kind, id), out var cached)) found[id] = cached;
                else still.Add(id);
            }
            CacheMetrics.Count(kind, "filled", theirs.Count - still.Count);
            CacheMetrics.Count(kind, "direct", still.Count);
            if (still.Count > 0)
            {
                // Not filled in time (or invalidated meanwhile): read them without storing.
                foreach (var (id, value) in await load(still, ct)) found[id] = value;
            }
        }
        return found;
    }

    public ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _current.TryRemove(key, out _);
                _previous.TryRemove(key, out _);
                // Revoke the lease: a reader that loaded before the commit cannot store what it read.
                if (_leases.TryRemove(key, out var lease)) lease.Settled.TrySetResult();
            }
        }
        return ValueTask.CompletedTask;
    }
}
