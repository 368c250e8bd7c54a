using System.Diagnostics;
using Tiktok.RestCompat.Binding;

namespace Tiktok.Server.Observability;

/// <summary>One structured line per request: request id, method, path, HTTP status, the app's status_code, latency.</summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        // A load balancer's request id is kept, so one id follows the request across hops.
        var incoming = http.Request.Headers["X-Request-Id"].ToString();
        if (incoming.Length is > 0 and <= 64 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
            http.TraceIdentifier = incoming;
        http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = http.TraceIdentifier }))
        {
            try
            {
                await next(http);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var statusCode = http.Items.TryGetValue(Answer.StatusCodeItem, out var code) ? code : null;
                logger.LogInformation(
                    "{Method} {Path} {HttpStatus} status_code={StatusCode} in {ElapsedMs:0.0} ms [{RequestId}]",
                    http.Request.Method, http.Request.Path.Value, http.Response.StatusCode, statusCode, elapsed,
                    http.TraceIdentifier);
            }
        }
    }
}
