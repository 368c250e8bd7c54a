using Microsoft.AspNetCore.Http;
using Tiktok.Edge.Authentication;

namespace Tiktok.Edge.Bodies;

/// <summary>
/// The token check the body reader runs before it reads an upload, through the one authentication
/// every front uses (<see cref="Callers"/>: signature, expiry, and that the user exists).
/// </summary>
public sealed class UploaderToken(Callers callers)
{
    /// <summary>The token's user; TOKEN_INVALID (2002) or USER_NOT_FOUND (3001) otherwise.</summary>
    public async ValueTask<long> ValidateAsync(HttpContext http, string token) =>
        (await callers.AuthenticateAsync(http, token)).UserOrThrow();
}
