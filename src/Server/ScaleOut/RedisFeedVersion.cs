using StackExchange.Redis;
using Tiktok.Core.Caching;
using Tiktok.Core.Videos;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// The feed cache's version in Redis, shared by every instance: <c>INCR</c> after each commit
/// (awaited before the writer's answer), <c>GET</c> on each cached read. A page cached on any
/// instance is served only while the version it was read under is still the shared one, so after
/// a write is acknowledged no instance serves a page read before it. See docs/operations.md.
/// </summary>
public sealed class RedisFeedVersion(RedisConnection redis) : RedisVersion(redis, "feed"), ISharedFeedVersion;

/// <summary>
/// The <see cref="DataVersion"/> in Redis, shared by every instance, kept as the feed's version is
/// (<see cref="RedisFeedVersion"/>): a cached GraphQL answer on any instance is served only while the
/// version it was computed under is still the shared one.
/// </summary>
public sealed class RedisDataVersion(RedisConnection redis) : RedisVersion(redis, "data"), ISharedDataVersion;

/// <summary>A version counter in Redis: <c>INCR</c> after each commit, <c>GET</c> on each cached read.</summary>
public abstract class RedisVersion(RedisConnection redis, string name)
{
    // A missing key (first start, FLUSHALL, eviction) starts again above every version handed out
    // before: versions are seeded from the clock (ms × 10⁶), so an old page never matches again.
    private const string BumpScript =
        "if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end return redis.call('INCR', KEYS[1])";

    private readonly RedisKey _key = redis.Prefix + ":" + name + ":version";

    // A commit whose bump did not reach Redis: until it does, this instance serves no cached page
    // (a reader that raced the commit could otherwise keep a page older than it).
    private volatile bool _bumpOwed;

    private static long Seed() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;

    public async ValueTask<long?> ReadAsync()
    {
        var db = redis.Database;
        if (db is null) return null;
        try
        {
            if (_bumpOwed)
            {
                await db.ScriptEvaluateAsync(BumpScript, [_key], [Seed()]);
                _bumpOwed = false;
            }
            var value = await db.StringGetAsync(_key);
            redis.Succeeded();
            if (value.IsNull)
            {
                await db.StringSetAsync(_key, Seed(), when: When.NotExists);
                return null;
            }
            return (long)value;
        }
        catch (Exception ex)
        {
            redis.Failed(name + "_version_read", ex);
            return null;
        }
    }

    public async ValueTask BumpAsync(CancellationToken cancellationToken)
    {
        var db = redis.Database;
        if (db is null)
        {
            _bumpOwed = true;
            return;
        }
        try
        {
            await db.ScriptEvaluateAsync(BumpScript, [_key], [Seed()]);
            redis.Succeeded();
        }
        catch (Exception ex)
        {
            _bumpOwed = true;
            redis.Failed(name + "_version_bump", ex);
        }
    }
}
