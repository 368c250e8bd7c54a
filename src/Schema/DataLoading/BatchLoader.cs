using GraphQL.DataLoader;

namespace Tiktok.Schema.DataLoading;

/// <summary>
/// A per-request batching loader. <see cref="Load"/> only records the key; GraphQL.NET's execution
/// strategy resolves every other pending field first and then awaits the results, so the first
/// await fetches all keys recorded so far in one call. Results are cached for the request.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private readonly HashSet<TKey> _pending = [];
    private Task? _inFlight;

    /// <summary>How many batches were fetched (for tests).</summary>
    public int Batches { get; private set; }

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        if (!_loaded.ContainsKey(key)) _pending.Add(key);
        return new Result(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        while (!_loaded.TryGetValue(key, out _))
        {
            if (_inFlight is { IsCompleted: false })
            {
                await _inFlight;
                continue;
            }
            _pending.Add(key);
            var keys = _pending.ToList();
            _pending.Clear();
            _inFlight = FetchAsync(keys, ct);
            await _inFlight;
        }
        return _loaded[key];
    }

    private async Task FetchAsync(List<TKey> keys, CancellationToken ct)
    {
        Batches++;
        var found = await fetch(keys, ct);
        foreach (var key in keys) _loaded[key] = found.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await loader.GetAsync(key, cancellationToken);
    }
}
