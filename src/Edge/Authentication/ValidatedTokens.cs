using System.Collections.Concurrent;
using Tiktok.Core.Accounts;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// Tokens whose signature, expiry and <c>sub</c> were checked recently, so a client sending the
/// same token on every request pays for the HMAC and the JWT parsing once per <see cref="Lifetime"/>.
/// Only valid tokens are kept (a refused one is checked again each time, so garbage cannot fill
/// it); an entry never outlives its token's <c>exp</c>; at most <see cref="Limit"/> entries, all
/// dropped when it is full. The user's existence is not cached here: it is checked on every
/// request through the hot-read cache (docs/architecture.md, "Authentication").
/// </summary>
public sealed class ValidatedTokens(IAccessTokens tokens, TimeProvider clock)
{
    public const int Limit = 10_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Entry(VerifiedToken Token, DateTimeOffset KeepUntil);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

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
            if (_entries.Count >= Limit) _entries.Clear();
            var until = now + Lifetime;
            _entries[token] = new Entry(valid, valid.ExpiresAt < until ? valid.ExpiresAt : until);
        }
        return verified;
    }
}
