using System.Diagnostics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;
using Tiktok.Core.Events;

namespace Tiktok.Server.Observability;

/// <summary>
/// Readiness checks, Prometheus metrics (<c>/metrics</c>) and OpenTelemetry traces. Traces are
/// collected in-process always and exported only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set:
/// by default nothing leaves the machine. See docs/operations.md.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>The app's own spans (none yet beyond ASP.NET Core's and EF Core's); listed so code can add some.</summary>
    public static readonly ActivitySource Source = new("Tiktok.Server");

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthChecks();
        services.AddReadinessCheck<DatabaseHealthCheck>("database");

        services.AddSingleton<IDomainEventHandler, EventMetrics>();
        // prometheus-net is the one exporter. It also exports .NET meters (runtime, Kestrel, SignalR
        // connections, EF Core, Core's Tiktok.Cache); its meter adapter types every meter counter as a
        // gauge, so the host's own counters stay prometheus-net counters (docs/operations.md#metrics).
        // The runtime's private QUIC diagnostics are noise.
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate =
            instrument => !instrument.Meter.Name.StartsWith("Private.", StringComparison.Ordinal));

        var otlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "tiktok";
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Source.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments(MetricsPath) &&
                        !http.Request.Path.StartsWithSegments("/healthz") &&
                        !http.Request.Path.StartsWithSegments(Health.ReadyPath))
                    .AddEntityFrameworkCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlpEndpoint)) tracing.AddOtlpExporter();
            });
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> where <c>Tiktok:Metrics</c> allows it (<see cref="MetricsAccess"/>), and HTTP request
    /// metrics for everything after it in the pipeline.
    /// </summary>
    public static WebApplication UseTiktokMetrics(this WebApplication app)
    {
        app.UseMiddleware<MetricsAccess>();
        app.UseHttpMetrics();
        app.MapMetrics(MetricsPath);
        return app;
    }
}
