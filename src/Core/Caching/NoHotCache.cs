namespace Tiktok.Core.Caching;

/// <summary>No cache: every read loads from the database.</summary>
public sealed class NoHotCache : IHotCache
{
    public Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken ct) where T : class =>
        ids.Count == 0 ? Task.FromResult<IReadOnlyDictionary<long, T>>(new Dictionary<long, T>()) : load(ids, ct);

    public ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct) => ValueTask.CompletedTask;
}
