using Tiktok.Core.Accounts;
using Tiktok.Edge.Authentication;
using Tiktok.Tests.Infrastructure;
using Xunit;

namespace Tiktok.Tests.Edge;

/// <summary>The memo of checked tokens: bounded, never past a token's expiry, and it keeps the tokens in use when full.</summary>
public sealed class ValidatedTokensTests
{
    /// <summary>Every token "t&lt;id&gt;" is valid for its user for an hour; counts the real checks.</summary>
    private sealed class CountingTokens(TimeProvider clock) : IAccessTokens
    {
        public int Checks;
        public string Issue(long userId) => $"t{userId}";

        public ValueTask<VerifiedToken?> ValidateAsync(string token)
        {
            Interlocked.Increment(ref Checks);
            return ValueTask.FromResult<VerifiedToken?>(token.StartsWith('t')
                ? new VerifiedToken(long.Parse(token[1..], System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow().AddHours(1))
                : null);
        }
    }

    [Fact]
    public async Task A_full_memo_drops_the_oldest_entries_and_keeps_the_newest()
    {
        var clock = new FrozenClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var tokens = new CountingTokens(clock);
        var memo = new ValidatedTokens(tokens, clock);

        for (var i = 0; i < ValidatedTokens.Limit; i++)
        {
            clock.Now = clock.Now.AddMilliseconds(1);
            Assert.Equal(i, (await memo.ValidateAsync($"t{i}"))!.Value.UserId);
        }
        Assert.Equal(ValidatedTokens.Limit, memo.Count);

        clock.Now = clock.Now.AddMilliseconds(1);
        await memo.ValidateAsync("t99999");
        Assert.InRange(memo.Count, ValidatedTokens.Limit * 3 / 4, ValidatedTokens.Limit * 3 / 4 + 1);

        var before = tokens.Checks;
        await memo.ValidateAsync($"t{ValidatedTokens.Limit - 1}"); // among the newest: still kept
        await memo.ValidateAsync("t99999");
        Assert.Equal(before, tokens.Checks);
        await memo.ValidateAsync("t0"); // the oldest: dropped, checked again
        Assert.Equal(before + 1, tokens.Checks);
    }

    [Fact]
    public async Task Refused_tokens_are_not_kept_and_entries_expire()
    {
        var clock = new FrozenClock(DateTimeOffset.UnixEpoch.AddYears(56));
        var tokens = new CountingTokens(clock);
        var memo = new ValidatedTokens(tokens, clock);

        Assert.Null(await memo.ValidateAsync("garbage"));
        Assert.Equal(0, memo.Count);

        await memo.ValidateAsync("t1");
        await memo.ValidateAsync("t1");
        Assert.Equal(2, tokens.Checks);
        clock.Now += ValidatedTokens.Lifetime;
        await memo.ValidateAsync("t1");
        Assert.Equal(3, tokens.Checks);
    }
}
