using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// The default authentication scheme: the request's <see cref="Caller"/> as ASP.NET Core sees it
/// (a principal whose <c>sub</c> is the user id, expiring with the token), for <c>[Authorize]</c>
/// and SignalR. A refused token is a failed authentication, never an anonymous one.
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, Callers callers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var caller = await callers.CurrentAsync(Context);
        if (caller.Refusal is { } refusal) return AuthenticateResult.Fail(refusal);
        if (caller.UserId is not { } id) return AuthenticateResult.NoResult();
        var identity = new ClaimsIdentity([new Claim(TokenAuthentication.UserIdClaim, id.ToString(CultureInfo.InvariantCulture))],
            Scheme.Name, TokenAuthentication.UserIdClaim, roleType: null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = caller.ExpiresAt }, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var caller = await callers.CurrentAsync(Context);
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = caller.Refusal is null ? "Bearer" : "Bearer error=\"invalid_token\"";
    }
}
