using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Accounts;

/// <summary>
/// Sign-up and log-in attempts per client address and minute (<c>Tiktok:AuthRequestsPerMinute</c>),
/// one budget whichever front (REST compat, GraphQL) the attempt comes through.
/// </summary>
public sealed class AuthAttempts(IOptions<TiktokOptions> options, TimeProvider clock)
{
    private const long WindowMs = 60_000;
    private const int SweepAbove = 50_000;
    private readonly ConcurrentDictionary<string, Queue<long>> _recent = new();

    /// <summary>
    /// Counts an attempt; RATE_LIMITED when the address made the allowed number of attempts in the
    /// last 60 seconds (a sliding window: no burst of twice the budget across a minute boundary).
    /// A refused attempt is not counted.
    /// </summary>
    public void Enter(string client)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var times = _recent.GetOrAdd(client, _ => new Queue<long>());
        bool allowed;
        lock (times)
        {
            while (times.Count > 0 && times.Peek() <= now - WindowMs) times.Dequeue();
            allowed = times.Count < options.Value.AuthRequestsPerMinute;
            if (allowed) times.Enqueue(now);
        }
        if (_recent.Count > SweepAbove) Sweep(now);
        if (!allowed) throw DomainErrors.RateLimited();
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
