using StackExchange.Redis;
using Tiktok.Core.Accounts;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// The sign-up/log-in budget in Redis, shared by every instance: one sorted set per client address
/// (<c>{prefix}:auth:{address}</c>) holding the times of its counted attempts, trimmed to the
/// sliding window and checked, counted and given a TTL by one atomic script per attempt. Any Redis
/// failure answers null and <see cref="AuthAttempts"/> counts on this instance instead.
/// </summary>
public sealed class RedisAttemptWindow(RedisConnection redis) : ISharedAttemptWindow
{
    // KEYS[1] the address's set; ARGV: now (ms), window (ms), limit, a unique member for this attempt.
    // Same rule as the in-memory window: attempts at or before now - window no longer count.
    private const string EnterScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window)
        return 1
        """;

    // Members must differ for two attempts in one millisecond, from any instance.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private long _sequence;

    public async ValueTask<bool?> TryEnterAsync(string client, int limit, long windowMs, long nowMs)
    {
        var db = redis.Database;
        if (db is null) return null; // still connecting at start-up
        var member = $"{nowMs}:{_instance}:{Interlocked.Increment(ref _sequence)}";
        try
        {
            var counted = (long)await db.ScriptEvaluateAsync(EnterScript, [Key(client)], [nowMs, windowMs, limit, member]);
            redis.Succeeded();
            return counted == 1;
        }
        catch (Exception ex)
        {
            redis.Failed("auth_attempts", ex);
            return null;
        }
    }

    public RedisKey Key(string client) => redis.Prefix + ":auth:" + client;
}
