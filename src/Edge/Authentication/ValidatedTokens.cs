using System.Collections.Concurrent;
using Tiktok.Core.Accounts;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// Tokens whose signature, expiry and <c>sub</c> were checked recently, so a client sending the
/// same token on every request pays for the HMAC and the JWT parsing once per <see cref="Lifetime"/>.
/// Only valid tokens are kept (a refused one is checked again each time, so garbage cannot fill
/// it); an entry never outlives its token's <c>exp</c>; at most <see cref="Limit"/> entries. When it
/// is full, one sweep drops the expired entries and, if that is not enough, the oldest ones down to
/// three quarters of the limit, so the clients in use keep their entries (the sweep sorts at most
/// <see cref="Limit"/> entries once per quarter of the limit's insertions). The user's existence is not cached here: it is checked on every
/// request through the hot-read cache (docs/architecture.md, "Authentication").
/// </summary>
public sealed class ValidatedTokens(IAccessTokens tokens, TimeProvider clock)
{
    public const int Limit = 10_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Entry(VerifiedToken Token, DateTimeOffset KeepUntil);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sweep = new();

    /// <summary>How many tokens are kept now (for tests and metrics).</summary>
    public int Count => _entries.Count;

    /// <summary>The user the token names and until when, or null when it is malformed, altered, wrongly signed or expired.</summary>
    public async ValueTask<VerifiedToken?> ValidateAsync(string token)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(token, out var entry))
        {
            if (entry.KeepUntil > now) return entry.Token;
            _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
        }
        var verified = await tokens.ValidateAsync(token);
        if (verified is { } valid)
        {
            if (_entries.Count >= Limit) Sweep(now);
            var until = now + Lifetime;
            _entries[token] = new Entry(valid, valid.ExpiresAt < until ? valid.ExpiresAt : until);
        }
        return verified;
    }

    private void Sweep(DateTimeOffset now)
    {
        lock (_sweep)
        {
            if (_entries.Count < Limit) return;
            foreach (var (key, entry) in _entries)
                if (entry.KeepUntil <= now) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            var excess = _entries.Count - Limit * 3 / 4;
            if (excess <= 0) return;
            // Entries live Lifetime from their insertion (or less, up to their exp): the earliest
            // KeepUntil are the oldest insertions or the tokens about to expire.
            foreach (var (key, entry) in _entries.ToArray().OrderBy(e => e.Value.KeepUntil).Take(excess))
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }
}
