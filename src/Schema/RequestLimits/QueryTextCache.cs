using Microsoft.Extensions.Caching.Memory;

namespace Tiktok.Schema.RequestLimits;

/// <summary>
/// A cache of things kept per query text (parsed documents, persisted queries), its memory bounded
/// by the length of the texts it holds: <see cref="GraphQLOptions.DocumentCacheEntries"/> KiB of text.
/// </summary>
public sealed class QueryTextCache<T>(GraphQLOptions options) : IDisposable where T : class
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, (long)options.DocumentCacheEntries * 1024) });

    public bool Enabled => options.DocumentCacheEntries > 0;

    public bool TryGet(string key, out T? value) => _entries.TryGetValue(key, out value);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, weighed by the length of <paramref name="queryText"/>.</summary>
    public void Set(string key, T value, string queryText)
    {
        if (Enabled) _entries.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, queryText.Length) });
    }

    public void Dispose() => _entries.Dispose();
}
