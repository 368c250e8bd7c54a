using System.Net;
using Microsoft.Extensions.Options;

namespace Tiktok.Server.Observability;

/// <summary>
/// <c>/metrics</c> answers only on the metrics port (when there is one) and only to the allowed
/// networks (when listed); the metrics port serves nothing else. Everything refused is a 404.
/// </summary>
public sealed class MetricsAccess(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly int _port = options.Value.Port;
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.Networks();

    public Task InvokeAsync(HttpContext http)
    {
        var isMetrics = http.Request.Path.Equals(ObservabilitySetup.MetricsPath, StringComparison.OrdinalIgnoreCase);
        var onMetricsPort = _port > 0 && http.Connection.LocalPort == _port;
        if (isMetrics ? !onMetricsPort && _port > 0 || !Allowed(http.Connection.RemoteIpAddress) : onMetricsPort)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return next(http);
    }

    private bool Allowed(IPAddress? client)
    {
        if (_networks.Count == 0) return true;
        if (client is null) return false;
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        return _networks.Any(n => n.Contains(client));
    }
}
