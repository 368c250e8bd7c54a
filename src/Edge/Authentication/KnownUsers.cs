using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// Users this instance found to exist in the last <see cref="CacheOptions.EntryLifetime"/>, for the
/// token check. The check reads the user's card, but every like or follow moves its user's
/// counts and so drops that card: without this, the next request of an active user reloads the
/// card from the database just to learn that the user is still there. An entry lives no longer than
/// a cached card would, so a user removed behind the application's back (it deletes none itself) is
/// refused no later than before. At most <see cref="Limit"/> entries, all dropped when full; off when
/// the cache is off.
/// </summary>
public sealed class KnownUsers(IOptions<CacheOptions> options, TimeProvider clock)
{
    public const int Limit = 10_000;

    private readonly ConcurrentDictionary<long, long> _until = new();
    private readonly bool _enabled = options.Value.Enabled;
    private readonly long _lifetimeMs = (long)options.Value.EntryLifetime.TotalMilliseconds;

    /// <summary>Whether the user was seen to exist within the lifetime.</summary>
    public bool Exists(long userId) =>
        _enabled && _until.TryGetValue(userId, out var until) && until > clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Records that the user exists now.</summary>
    public void Seen(long userId)
    {
        if (!_enabled) return;
        if (_until.Count >= Limit) _until.Clear();
        _until[userId] = clock.GetUtcNow().ToUnixTimeMilliseconds() + _lifetimeMs;
    }
}
