using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Errors;
using Tiktok.Edge.Errors;

namespace Tiktok.Server.Live;

/// <summary>
/// Renders a failed hub call, shaped by the edge's <see cref="ErrorShaper"/>, as a
/// <see cref="HubException"/> whose message the client sees: "&lt;code&gt;: &lt;message&gt;", e.g.
/// "3001: user 9 does not exist" or "9002: ..." (Unavailable), with the stable codes of
/// docs/errors.md; a fault is "9001: internal error; the request id is ...", never its internals.
/// </summary>
public sealed class DomainErrorHubFilter(TransientFailures transient, ILogger<DomainErrorHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException)
        {
            throw; // already the client's answer
        }
        catch (Exception e)
        {
            var hub = context.Context;
            var requestId = hub.GetHttpContext()?.TraceIdentifier ?? hub.ConnectionId;
            var shaped = ErrorShaper.Shape(e, transient, logger, $"hub method {context.Hub.GetType().Name}.{context.HubMethodName}",
                requestId, hub.ConnectionAborted.IsCancellationRequested);
            if (shaped.Kind == FailureKind.ClientGone) throw;
            throw Error(shaped.Code, shaped.MessageIn(HubArguments.Vocabulary));
        }
    }

    public static HubException Error(ErrorCode code, string message) =>
        new(((int)code).ToString(CultureInfo.InvariantCulture) + ": " + message);
}
