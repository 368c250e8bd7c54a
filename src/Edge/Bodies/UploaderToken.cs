using Tiktok.Core.Accounts;
using Tiktok.Core.Errors;

namespace Tiktok.Edge.Bodies;

/// <summary>
/// The token check the body reader runs before it reads an upload: the one place the readers
/// validate a token (today <see cref="IAccessTokens"/>; the edge's authentication service when it comes).
/// </summary>
public sealed class UploaderToken(IAccessTokens tokens)
{
    /// <summary>The token's user; TOKEN_INVALID (2002) when the token is malformed, altered or expired.</summary>
    public async ValueTask<long> ValidateAsync(string token) =>
        await tokens.ValidateAsync(token) ?? throw DomainErrors.TokenInvalid();
}
