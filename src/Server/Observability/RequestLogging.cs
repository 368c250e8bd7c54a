using System.Diagnostics;
using Tiktok.RestCompat.Binding;

namespace Tiktok.Server.Observability;

/// <summary>One structured line per request: request id, method, path, HTTP status, the app's status_code, latency.</summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
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
