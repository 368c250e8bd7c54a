using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Accounts;
using Tiktok.Core.Caching;
using Tiktok.Core.Errors;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// "Who is calling?", the one question every front (REST compat, GraphQL, the hubs) asks about
/// a request's token. See docs/architecture.md, "Authentication".
/// </summary>
public sealed class Callers(ValidatedTokens tokens, TransientFailures transient, ILogger<Callers> logger)
{
    /// <summary>
    /// The caller of this request, from the token in the request itself (<c>Authorization: Bearer</c>,
    /// REST's <c>token</c> parameter in the query or urlencoded form, <c>access_token</c> on hubs and
    /// the GraphQL WebSocket); validated once per request, later calls return the same answer.
    /// </summary>
    public async ValueTask<Caller> CurrentAsync(HttpContext http)
    {
        if (http.Features.Get<CallerFeature>() is { } known) return known.Caller;
        var (token, refusal) = await TokenSources.ReadAsync(http.Request);
        var caller = refusal is not null ? Caller.Refused(refusal) : await AuthenticateAsync(http, token);
        http.Features.Set(new CallerFeature(caller));
        return caller;
    }

    /// <summary>
    /// Validates a token given as a string (a multipart <c>token</c> field, a WebSocket
    /// <c>connection_init</c> payload): signature, expiry and <c>sub</c>, then that the user exists
    /// (through the hot-read cache of users). Null or empty is anonymous. Never throws for a bad
    /// token: the result carries the refusal (2002, 3001; 9002 while the database is unreachable).
    /// A token already checked in this request (by the reader of a body, then by its endpoint) is
    /// checked once.
    /// </summary>
    public async ValueTask<Caller> AuthenticateAsync(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token)) return Caller.Anonymous;
        var checkedTokens = http.Features.Get<CheckedTokens>();
        if (checkedTokens?.Token == token) return checkedTokens.Caller;
        var caller = await CheckAsync(http, token);
        http.Features.Set(new CheckedTokens(token, caller));
        return caller;
    }

    private async ValueTask<Caller> CheckAsync(HttpContext http, string token)
    {
        VerifiedToken? checkedToken;
        try
        {
            checkedToken = await tokens.ValidateAsync(token);
        }
        catch (Exception e) when (e is not OperationCanceledException && !transient.Is(e))
        {
            // A fault of ours, not the client's: logged at Error, answered 9001 with the request id.
            logger.LogError(e, "Unhandled error while validating a token on {Path}", http.Request.Path.Value);
            return Caller.Refused(new DomainException(ErrorCode.Internal, "internal error; the request id is " + http.TraceIdentifier));
        }
        if (checkedToken is not { } verified) return Caller.Refused(DomainErrors.TokenInvalid());
        IReadOnlyDictionary<long, Core.Users.UserView> found;
        try
        {
            found = await http.RequestServices.GetRequiredService<Cards>().UsersAsync([verified.UserId], http.RequestAborted);
        }
        catch (Exception e) when (transient.Is(e))
        {
            logger.LogWarning("Database unavailable while checking the token's user on {Path}: {Error}",
                http.Request.Path.Value, e.GetBaseException().Message);
            return Caller.Refused(DomainErrors.Unavailable());
        }
        return found.ContainsKey(verified.UserId)
            ? Caller.User(verified.UserId, verified.ExpiresAt)
            : Caller.Refused(DomainErrors.TokenUserNotFound(verified.UserId));
    }
}
