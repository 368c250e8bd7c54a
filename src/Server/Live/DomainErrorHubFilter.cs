using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Errors;

namespace Tiktok.Server.Live;

/// <summary>
/// Turns a domain refusal into a <see cref="HubException"/> whose message the client sees:
/// "&lt;code&gt;: &lt;message&gt;", e.g. "3001: user 9 does not exist", with the stable codes of
/// docs/errors.md; a transient database failure is "9002: ..." (Unavailable). Anything else
/// stays SignalR's generic error, so internals never leak.
/// </summary>
public sealed class DomainErrorHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException ex)
        {
            throw Error(ex.Code, ex.Message);
        }
        catch (Exception ex) when (TransientFailures.Is(ex))
        {
            // The database is unreachable: "9002: the service is temporarily unavailable; try again ...".
            var unavailable = DomainErrors.Unavailable();
            throw Error(unavailable.Code, unavailable.Message);
        }
    }

    public static HubException Error(ErrorCode code, string message) =>
        new(((int)code).ToString(CultureInfo.InvariantCulture) + ": " + message);
}
