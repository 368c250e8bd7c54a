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
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    private sealed class Window
    {
        public long Minute;
        public int Count;
    }

    /// <summary>Counts an attempt; RATE_LIMITED when the address has used up this minute's budget.</summary>
    public void Enter(string client)
    {
        var minute = clock.GetUtcNow().ToUnixTimeMilliseconds() / WindowMs;
        var window = _windows.GetOrAdd(client, _ => new Window { Minute = minute });
        bool allowed;
        lock (window)
        {
            if (window.Minute != minute)
            {
                window.Minute = minute;
                window.Count = 0;
            }
            allowed = ++window.Count <= options.Value.AuthRequestsPerMinute;
        }
        if (_windows.Count > SweepAbove) Sweep(minute);
        if (!allowed) throw DomainErrors.RateLimited();
    }

    private void Sweep(long minute)
    {
        foreach (var (key, window) in _windows)
            if (Volatile.Read(ref window.Minute) < minute) _windows.TryRemove(key, out _);
    }
}
