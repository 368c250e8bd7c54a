using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;
using System.Text;
using GraphQL;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Schema.RequestLimits;

namespace Tiktok.Schema.Http;

/// <summary>
/// Whole answers to queries without a viewer, kept as the bytes written: keyed on the request base
/// (media URLs are absolute), the query text of a document that executed, the operation name and the
/// variables. An answer is stored only under the <see cref="DataVersion"/> read before its execution,
/// and served only while that version is still current: every committed write that touches public data
/// moves it (after the commit, before the writer's answer), so after a write is acknowledged no answer
/// read before it is served, on this instance or (with Redis) any other. An answer is also served for at
/// most <see cref="MaxAge"/>: the bound REST's shared feed bytes keep (<c>FeedBodies.MaxAge</c>) on how
/// long before its use a presigned media URL in it was signed, which also bounds staleness in the one
/// case a version cannot cover (another instance committed while it could not reach Redis).
/// Only answers with data and no errors to queries are kept; never a viewer's (the endpoint asks only
/// without a token), a mutation's or a subscription's. Memory: at most
/// <see cref="GraphQLOptions.AnswerCacheEntries"/> answers and <see cref="GraphQLOptions.AnswerCacheBytes"/>
/// bytes (keys and bodies), an answer over a sixteenth of the bytes is not kept; 0 entries turns it off.
/// </summary>
public sealed class AnswerCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private static readonly Meter Meter = new("Tiktok.GraphQL");

    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>(
        "answer_cache", unit: "{request}", description: "Anonymous GraphQL queries asked of the answer cache, by how they were answered (hit, miss, stored)");

    private readonly MemoryCache? _entries;
    private readonly long _bytes;
    private readonly long _floor;
    private readonly DataVersion _version;
    private long _hits;
    private long _stored;

    public AnswerCache(IOptions<GraphQLOptions> options, DataVersion version)
    {
        var o = options.Value;
        _version = version;
        _bytes = o.AnswerCacheBytes;
        if (o.AnswerCacheEntries <= 0 || o.AnswerCacheBytes <= 0) return;
        // Each entry weighs at least bytes / entries: the byte budget then also bounds the count.
        _floor = Math.Max(1, _bytes / o.AnswerCacheEntries);
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _bytes });
    }

    public bool Enabled => _entries is not null;

    /// <summary>Answers served from the cache since start (for tests and the docs' figures).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Answers stored since start.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>What identifies an answer: everything of the request that the answer of an anonymous query depends on.</summary>
    public sealed record Key(string RequestBase, string Query, string? OperationName, string? Variables)
    {
        internal long Weight => 64 + 2L * (RequestBase.Length + Query.Length + (OperationName?.Length ?? 0) + (Variables?.Length ?? 0));
    }

    private sealed record Entry(long Version, byte[] Body, long StoredAt);

    /// <summary>The version to look up and store under (<see cref="DataVersion.Unknown"/>: neither).</summary>
    public ValueTask<long> VersionAsync() => _version.CurrentAsync();

    /// <summary>The answer kept for <paramref name="key"/> if it was stored under <paramref name="version"/> and is young enough.</summary>
    public byte[]? Find(Key key, long version)
    {
        if (_entries is null || version == DataVersion.Unknown) return null;
        if (_entries.TryGetValue(key, out Entry? entry) && entry!.Version == version
            && Environment.TickCount64 - entry.StoredAt <= (long)MaxAge.TotalMilliseconds)
        {
            Interlocked.Increment(ref _hits);
            Lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return entry.Body;
        }
        Lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        return null;
    }

    /// <summary>
    /// Keeps <paramref name="body"/> for <paramref name="key"/> under <paramref name="readAtVersion"/>, the
    /// version read before the answer was computed. If a write moved the version meanwhile, the answer
    /// (which may or may not show that write) is never served: <see cref="Find"/> asks for the current one.
    /// </summary>
    public void Store(Key key, long readAtVersion, byte[] body)
    {
        if (_entries is null || readAtVersion == DataVersion.Unknown) return;
        var weight = Math.Max(_floor, key.Weight + body.Length);
        if (weight > _bytes / 16) return;
        _entries.Set(key, new Entry(readAtVersion, body, Environment.TickCount64),
            new MemoryCacheEntryOptions { Size = weight, AbsoluteExpirationRelativeToNow = MaxAge });
        Interlocked.Increment(ref _stored);
        Lookups.Add(1, new KeyValuePair<string, object?>("result", "stored"));
    }

    /// <summary>
    /// The variables as a key: a text that tells every two different values apart (each scalar tagged
    /// with its type). Not cacheable when a value is of a type this does not know (an upload).
    /// </summary>
    public static (bool Cacheable, string? Key) VariablesKey(Inputs? variables)
    {
        if (variables is null || variables.Count == 0) return (true, null);
        var text = new StringBuilder();
        return Append(text, variables) ? (true, text.ToString()) : (false, null);
    }

    private static bool Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append('n'); return true;
            case string s: text.Append('s').Append(s.Length).Append(':').Append(s); return true;
            case bool b: text.Append(b ? 't' : 'f'); return true;
            case int or long or short or byte or sbyte or uint or ulong or ushort or decimal or BigInteger:
                text.Append('i').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append(';'); return true;
            case double d: text.Append('d').Append(d.ToString("R", CultureInfo.InvariantCulture)).Append(';'); return true;
            case float f: text.Append('d').Append(((double)f).ToString("R", CultureInfo.InvariantCulture)).Append(';'); return true;
            case IDictionary<string, object?> map:
                text.Append('{').Append(map.Count).Append(':');
                foreach (var (name, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(name.Length).Append(':').Append(name);
                    if (!Append(text, item)) return false;
                }
                text.Append('}');
                return true;
            case IReadOnlyDictionary<string, object?> map:
                return Append(text, map.ToDictionary(p => p.Key, p => p.Value));
            case System.Collections.IList list:
                text.Append('[').Append(list.Count).Append(':');
                foreach (var item in list)
                    if (!Append(text, item)) return false;
                text.Append(']');
                return true;
            default: return false;
        }
    }

    public void Dispose() => _entries?.Dispose();
}
