using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Accounts;

/// <summary>
/// Sign-up and log-in attempts per client address and minute (<c>Tiktok:AuthRequestsPerMinute</c>),
/// one budget whichever front (REST compat, GraphQL) the attempt comes through. With Redis
/// (<see cref="ISharedAttemptWindow"/>) the budget is shared by every instance; while Redis cannot
/// be reached each instance falls back to its own window, which also holds the attempts Redis
/// counted through it, so a Redis outage never fails a request nor resets this instance's count.
/// </summary>
public sealed class AuthAttempts(IOptions<TiktokOptions> options, TimeProvider clock, ISharedAttemptWindow? shared = null)
{
    public const long WindowMs = 60_000;
    private const int SweepAbove = 50_000;
    private readonly ConcurrentDictionary<string, Queue<long>> _recent = new();

    /// <summary>
    /// Counts an attempt; RATE_LIMITED when the address made the allowed number of attempts in the
    /// last 60 seconds (a sliding window: no burst of twice the budget across a minute boundary).
    /// A refused attempt is not counted.
    /// </summary>
    public async ValueTask EnterAsync(string client)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var limit = options.Value.AuthRequestsPerMinute;
        if (shared is not null && await shared.TryEnterAsync(client, limit, WindowMs, now) is { } counted)
        {
            // The shared window does not say when its oldest attempt ages out: the whole window is an upper bound.
            if (!counted) throw DomainErrors.RateLimited(WindowSeconds);
            Local(client, now, limit: null, out _); // remembered here too, for a fallback
            return;
        }
        if (!Local(client, now, limit, out var retryAfterMs))
            throw DomainErrors.RateLimited((int)Math.Clamp((retryAfterMs + 999) / 1000, 1, WindowSeconds));
    }

    /// <summary>The window in seconds: after a refusal, an attempt is allowed again within this long.</summary>
    public const int WindowSeconds = (int)(WindowMs / 1000);

    /// <summary>
    /// This instance's window: counts the attempt if under <paramref name="limit"/> (null: always);
    /// when refused, <paramref name="retryAfterMs"/> is how long until the oldest attempt leaves the window.
    /// </summary>
    private bool Local(string client, long now, int? limit, out long retryAfterMs)
    {
        var times = _recent.GetOrAdd(client, _ => new Queue<long>());
        bool allowed;
        retryAfterMs = 0;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - WindowMs) times.Dequeue();
            allowed = limit is not { } max || times.Count < max;
            if (allowed) times.Enqueue(now);
            else if (times.Count > 0) retryAfterMs = times.Peek() + WindowMs - now;
        }
        if (_recent.Count > SweepAbove) Sweep(now);
        return allowed;
    }

    private void Sweep(long now)
    {
        foreach (var (key, times) in _recent)
        {
            lock (times)
            {
                while (times.Count > 0 && times.Peek() <= now - WindowMs) times.Dequeue();
                if (times.Count == 0) _recent.TryRemove(key, out _);
            }
        }
    }
}
