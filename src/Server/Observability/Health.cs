using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tiktok.Server.Observability;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers) stays as it is; <c>/readyz</c> (readiness) runs
/// every check tagged <see cref="ReadyTag"/>: the database always, Redis when configured, and
/// whatever else registers with <see cref="AddReadinessCheck{T}"/> (the S3 media store).
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";
    public const string ReadyPath = "/readyz";
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The registration point for a readiness check, e.g. <c>services.AddReadinessCheck&lt;S3HealthCheck&gt;("media")</c>.
    /// Unhealthy makes <c>/readyz</c> answer 503; Degraded answers 200 and says so.
    /// </summary>
    public static IServiceCollection AddReadinessCheck<T>(this IServiceCollection services, string name) where T : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<T>(name, failureStatus: null, tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJsonAsync,
        });
        return app;
    }

    /// <summary><c>{"status":"Healthy","checks":{"database":{"status":"Healthy","duration_ms":1.2,"description":"..."}}}</c></summary>
    public static async Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
            // The exception's message says what failed; its stack stays in the server's log.
            var description = entry.Description ?? entry.Exception?.Message;
            if (description is not null) json.WriteString("description", description);
            if (entry.Description is not null && entry.Exception is not null) json.WriteString("error", entry.Exception.Message);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
