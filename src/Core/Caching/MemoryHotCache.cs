using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Tiktok.Core.Caching;

/// <summary>
/// The hot-read cache of a single instance (no Redis): entries in a size-bounded
/// <see cref="MemoryCache"/>, fill leases in a dictionary. Storing a fill and invalidating take one
/// lock, so a fill whose lease was revoked can never land after the invalidation.
/// </summary>
public sealed class MemoryHotCache : IHotCache, IDisposable
{
    private sealed class Lease(long expiresAt)
    {
        public long ExpiresAt { get; } = expiresAt;
        public TaskCompletionSource Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly CacheOptions _options;
    private readonly MemoryCache _entries;
    private readonly ConcurrentDictionary<CardKey, Lease> _leases = new();
    private readonly Lock _gate = new();

    public MemoryHotCache(IOptions<CacheOptions> options)
    {
        _options = options.Value;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.MemoryEntries) });
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
            if (_entries.TryGetValue(key, out T? cached) && cached is not null)
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

        if (mine.Count > 0)
        {
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
                            _entries.Set(new CardKey(kind, id), value,
                                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.EntryLifetime });
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
                if (_entries.TryGetValue(new CardKey(kind, id), out T? cached) && cached is not null) found[id] = cached;
                else still.Add(id);
            }
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
                _entries.Remove(key);
                // Revoke the lease: a reader that loaded before the commit cannot store what it read.
                if (_leases.TryRemove(key, out var lease)) lease.Settled.TrySetResult();
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _entries.Dispose();
}
