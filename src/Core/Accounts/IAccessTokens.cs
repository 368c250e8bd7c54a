namespace Tiktok.Core.Accounts;

/// <summary>Issues and checks the signed, expiring tokens every front accepts.</summary>
public interface IAccessTokens
{
    string Issue(long userId);

    /// <summary>The user the token names and until when, or null when it is malformed, altered, wrongly signed or expired.</summary>
    ValueTask<VerifiedToken?> ValidateAsync(string token);
}
