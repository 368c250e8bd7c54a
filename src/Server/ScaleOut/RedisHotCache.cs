using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tiktok.Core.Caching;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// The hot-read cache shared by every instance, in Redis (docs/operations.md, "Caching").
/// Entry <c>{prefix}:c:u:42</c> holds a user as JSON, <c>{prefix}:c:v:7</c> a video; each has a
/// lease key beside it (<c>…:lease</c>). One round trip per batch does each step:
/// <list type="number">
/// <item>read: for each key, its value, or else a lease (<c>SET NX PX</c>) for this reader, or else
/// the news that another reader is loading it;</item>
/// <item>fill: store a value only while this reader's lease is still there;</item>
/// <item>invalidate (after a commit, before the writer's answer): <c>DEL</c> the entries and their
/// leases, so a reader that loaded before the commit cannot store what it read.</item>
/// </list>
/// Readers that find another's lease poll for its fill for up to <see cref="CacheOptions.FillWait"/>,
/// then load by themselves without storing. Redis unreachable: every read is a miss served from the
/// database; invalidations that could not be sent are owed, and this instance does not use the
/// cache until it has sent them.
/// </summary>
public sealed class RedisHotCache(RedisConnection redis, IOptions<CacheOptions> options) : IHotCache
{
    // KEYS: entry1, lease1, entry2, lease2, ...; ARGV[1] token, ARGV[2] lease ms.
    // Returns per entry: its value, 1 (this reader holds the lease now) or 0 (another reader does).
    private const string ReadScript = """
        local result = {}
        for i = 1, #KEYS, 2 do
          local value = redis.call('GET', KEYS[i])
          if value then
            result[#result + 1] = value
          elseif redis.call('SET', KEYS[i + 1], ARGV[1], 'NX', 'PX', ARGV[2]) then
            result[#result + 1] = 1
          else
            result[#result + 1] = 0
          end
        end
        return result
        """;

    // KEYS: entry1, lease1, ...; ARGV[1] token, ARGV[2] entry ms, ARGV[3..] values in KEYS order.
    private const string FillScript = """
        local stored = 0
        for i = 1, #KEYS, 2 do
          if redis.call('GET', KEYS[i + 1]) == ARGV[1] then
            redis.call('SET', KEYS[i], ARGV[3 + (i - 1) / 2], 'PX', ARGV[2])
            redis.call('DEL', KEYS[i + 1])
            stored = stored + 1
          end
        end
        return stored
        """;

    /// <summary>Most invalidations remembered while Redis is unreachable; past it, the cache is skipped for a whole entry lifetime.</summary>
    private const int OwedLimit = 10_000;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(15);

    private readonly CacheOptions _options = options.Value;
    // The format version is part of the name: a server whose cards differ never reads another's entries.
    private readonly string _prefix = redis.Prefix + ":c2:";
    private readonly Lock _owedGate = new();
    private readonly HashSet<CardKey> _owed = [];
    private long _bypassUntil;

    private RedisKey Entry(CardKey key) => _prefix + key;
    private RedisKey Lease(CardKey key) => _prefix + key + ":lease";

    /// <summary>Each entry followed by its lease: the key layout of the scripts and of an invalidation.</summary>
    private RedisKey[] EntriesAndLeases(IEnumerable<CardKey> keys) => keys.SelectMany(k => new[] { Entry(k), Lease(k) }).ToArray();

    public async Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load,
        CancellationToken ct) where T : class
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0) return new Dictionary<long, T>();
        var db = redis.Database;
        if (db is null || !await SettleOwedAsync(db))
        {
            CacheMetrics.Count(kind, "bypass", distinct.Count);
            return await load(distinct, ct);
        }

        var token = Guid.NewGuid().ToString("N");
        RedisResult[] answers;
        try
        {
            answers = (RedisResult[])(await db.ScriptEvaluateAsync(ReadScript, EntriesAndLeases(distinct.Select(id => new CardKey(kind, id))),
                [token, (long)_options.LeaseDuration.TotalMilliseconds]))!;
            redis.Succeeded();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidCastException)
        {
            redis.Failed("cache_read", ex);
            CacheMetrics.Count(kind, "bypass", distinct.Count);
            return await load(distinct, ct);
        }

        var found = new Dictionary<long, T>();
        var mine = new List<long>();
        var theirs = new List<long>();
        var unreadable = new List<long>();
        for (var i = 0; i < distinct.Count; i++)
        {
            var answer = answers[i];
            if (answer.Resp2Type == ResultType.Integer) (((long)answer == 1) ? mine : theirs).Add(distinct[i]);
            else if (Decode<T>((byte[]?)answer) is { } value) found[distinct[i]] = value;
            else unreadable.Add(distinct[i]);
        }
        CacheMetrics.Count(kind, "hit", found.Count);
        CacheMetrics.Count(kind, "loaded", mine.Count);
        CacheMetrics.Count(kind, "direct", unreadable.Count);
        if (unreadable.Count > 0)
            foreach (var (id, value) in await load(unreadable, ct)) found[id] = value;

        if (mine.Count > 0)
        {
            var loaded = await load(mine, ct);
            foreach (var (id, value) in loaded) found[id] = value;
            await FillAsync(db, kind, token, mine, loaded);
        }
        if (theirs.Count > 0)
        {
            var still = await WaitForFillsAsync<T>(db, kind, theirs, found, ct);
            CacheMetrics.Count(kind, "filled", theirs.Count - still.Count);
            CacheMetrics.Count(kind, "direct", still.Count);
            if (still.Count > 0)
                foreach (var (id, value) in await load(still, ct)) found[id] = value;
        }
        return found;
    }

    /// <summary>Stores what this reader loaded under its leases; ids the loader did not find just lose their lease.</summary>
    private async Task FillAsync<T>(IDatabase db, CardKind kind, string token, List<long> mine, IReadOnlyDictionary<long, T> loaded)
    {
        var keys = new List<RedisKey>();
        var args = new List<RedisValue> { token, (long)_options.EntryLifetime.TotalMilliseconds };
        var unknown = new List<RedisKey>();
        foreach (var id in mine)
        {
            var key = new CardKey(kind, id);
            if (loaded.TryGetValue(id, out var value))
            {
                keys.Add(Entry(key));
                keys.Add(Lease(key));
                args.Add(JsonSerializer.SerializeToUtf8Bytes(value));
            }
            else
            {
                unknown.Add(Lease(key));
            }
        }
        try
        {
            if (keys.Count > 0) await db.ScriptEvaluateAsync(FillScript, [.. keys], [.. args]);
            // Nothing to store for a missing row: let the next reader try at once. Deleting another
            // reader's lease here is harmless: it only means two readers may load that row.
            if (unknown.Count > 0) await db.KeyDeleteAsync([.. unknown], CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Not stored: the next reader loads again.
            redis.Failed("cache_fill", ex);
        }
    }

    /// <summary>Polls for other readers' fills; returns the ids still missing when the wait is over.</summary>
    private async Task<List<long>> WaitForFillsAsync<T>(IDatabase db, CardKind kind, List<long> theirs,
        Dictionary<long, T> found, CancellationToken ct) where T : class
    {
        var waiting = theirs;
        var deadline = Environment.TickCount64 + (long)_options.FillWait.TotalMilliseconds;
        while (waiting.Count > 0 && Environment.TickCount64 < deadline)
        {
            await Task.Delay(PollInterval, ct);
            RedisValue[] values;
            try
            {
                values = await db.StringGetAsync(waiting.Select(id => Entry(new CardKey(kind, id))).ToArray());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                redis.Failed("cache_wait", ex);
                break;
            }
            var next = new List<long>();
            for (var i = 0; i < waiting.Count; i++)
            {
                if (!values[i].IsNull && Decode<T>((byte[]?)values[i]) is { } value) found[waiting[i]] = value;
                else next.Add(waiting[i]);
            }
            waiting = next;
        }
        return waiting;
    }

    public async ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return;
        // Whatever went wrong, the write is committed: owe the invalidation, never fail the writer.
        if (redis.Database is not { } db || !await TryDeleteAsync(db, keys)) Owe(keys);
    }

    /// <summary>Deletes the entries and their leases (an invalidation, sent now or owed); false when Redis could not be reached.</summary>
    private async Task<bool> TryDeleteAsync(IDatabase db, IEnumerable<CardKey> keys)
    {
        try
        {
            await db.KeyDeleteAsync(EntriesAndLeases(keys));
            redis.Succeeded();
            return true;
        }
        catch (Exception ex)
        {
            redis.Failed("cache_invalidate", ex);
            return false;
        }
    }

    private void Owe(IReadOnlyCollection<CardKey> keys)
    {
        lock (_owedGate)
        {
            foreach (var key in keys)
            {
                if (_owed.Count >= OwedLimit)
                {
                    // Too many to remember: forget them all and skip the cache until every entry that
                    // could predate them has expired.
                    _owed.Clear();
                    Volatile.Write(ref _bypassUntil, Environment.TickCount64 + (long)_options.EntryLifetime.TotalMilliseconds);
                    return;
                }
                _owed.Add(key);
            }
        }
    }

    /// <summary>Sends owed invalidations; true when this instance may use the cache now.</summary>
    private async ValueTask<bool> SettleOwedAsync(IDatabase db)
    {
        if (Environment.TickCount64 < Volatile.Read(ref _bypassUntil)) return false;
        CardKey[] owed;
        lock (_owedGate)
        {
            if (_owed.Count == 0) return true;
            owed = [.. _owed];
        }
        if (!await TryDeleteAsync(db, owed)) return false;
        lock (_owedGate) _owed.ExceptWith(owed);
        return true;
    }

    private static T? Decode<T>(byte[]? bytes) where T : class
    {
        if (bytes is null) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(bytes);
        }
        catch (JsonException)
        {
            // An entry written by another version of the server: treat as a miss.
            return null;
        }
    }
}
