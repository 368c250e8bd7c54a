using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Tiktok.Server.Observability;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.Observability;

/// <summary>
/// /readyz, /metrics and tracing against the real host. What passes through the database (its
/// readiness check, the events of a stored message, SQL spans) runs on SQLite and PostgreSQL; the
/// Redis, exporter and extra-check cases are not about the database and use the embedded default.
/// </summary>
public sealed class ObservabilityTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string CheckStatus(JsonElement body, string name) =>
        body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString()!;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Readiness_without_Redis_checks_the_database_only(string database)
    {
        using var f = new TiktokFactory(database: database);
        var http = f.CreateClient();
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        var (status, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", CheckStatus(body, "database"));
        Assert.False(body.GetProperty("checks").TryGetProperty("redis", out _));
        f.DeleteData();
    }

    [RedisFact]
    public async Task Readiness_with_Redis_checks_it_too()
    {
        using var f = new TiktokFactory(settings: RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()));
        var (status, body) = await ReadyAsync(f.CreateClient());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", CheckStatus(body, "database"));
        Assert.Equal("Healthy", CheckStatus(body, "redis"));
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        f.DeleteData();
    }

    [Fact]
    public async Task Readiness_with_Redis_unreachable_is_degraded_but_ready()
    {
        using var f = new TiktokFactory(settings: RedisTest.Settings("127.0.0.1:1,connectTimeout=500", RedisTest.NewPrefix()));
        var (status, body) = await ReadyAsync(f.CreateClient());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        Assert.Equal("Degraded", CheckStatus(body, "redis"));
        Assert.Equal("Healthy", CheckStatus(body, "database"));
        f.DeleteData();
    }

    [Tiktok.Tests.Media.S3Fact]
    public async Task Readiness_with_S3_checks_the_bucket_and_a_lost_bucket_is_degraded_but_ready()
    {
        var bucket = "ready-" + Guid.NewGuid().ToString("N")[..12];
        using var f = new TiktokFactory(settings: Tiktok.Tests.Media.S3TestServer.Settings(bucket));
        var http = f.CreateClient(); // starts the host, which creates the bucket
        var (status, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", CheckStatus(body, "media"));

        await Tiktok.Tests.Media.S3TestServer.Client().RemoveBucketAsync(new Minio.DataModel.Args.RemoveBucketArgs().WithBucket(bucket));
        (status, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", CheckStatus(body, "media"));
        Assert.Contains(bucket, body.GetProperty("checks").GetProperty("media").GetProperty("description").GetString());
        f.DeleteData();
    }

    private sealed class Failing : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Unhealthy("bucket missing"));
    }

    [Fact]
    public async Task A_failing_readiness_check_registered_by_another_part_makes_readyz_503()
    {
        using var f = new TiktokFactory(configure: s => s.AddReadinessCheck<Failing>("media"));
        var (status, body) = await ReadyAsync(f.CreateClient());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", CheckStatus(body, "media"));
        Assert.Equal("bucket missing", body.GetProperty("checks").GetProperty("media").GetProperty("description").GetString());
        f.DeleteData();
    }

    private static double Sample(string metrics, string name, params string[] labels)
    {
        // Several hosts in one test process share prometheus-net's registry: callers compare before/after.
        var total = 0.0;
        foreach (var line in metrics.Split('\n'))
            if (line.StartsWith(name + "{") && labels.All(line.Contains))
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return total;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Metrics_are_served_in_Prometheus_text_format_and_count_requests_and_events(string database)
    {
        using var f = new TiktokFactory(database: database);
        var http = f.CreateClient();
        var (_, aToken) = await http.RegisterAsync();
        var (b, _) = await http.RegisterAsync();

        var (status, contentType, before) = await f.ScrapeAsync();
        Assert.Equal(200, status);
        Assert.StartsWith("text/plain", contentType);

        for (var i = 0; i < 3; i++) await http.GetStringAsync("/healthz");
        await http.PostFormAsync("/douyin/message/action/", ("token", aToken), ("to_user_id", b.ToString()), ("action_type", "1"), ("content", "counted"));

        var after = (await f.ScrapeAsync()).Body;
        const string requests = "http_requests_received_total";
        Assert.True(Sample(after, requests, "endpoint=\"/healthz\"", "code=\"200\"") - Sample(before, requests, "endpoint=\"/healthz\"", "code=\"200\"") >= 3,
            "the 3 /healthz requests are counted");
        Assert.Contains("http_request_duration_seconds_bucket", after);
        const string events = "tiktok_domain_events_total";
        Assert.True(Sample(after, events, "type=\"MessageStored\"") - Sample(before, events, "type=\"MessageStored\"") >= 1);
        Assert.Matches(new Regex("^# TYPE tiktok_domain_events_total counter$", RegexOptions.Multiline), after);

        // The hot-read cache says how it answered: b's profile is loaded once, then served from it.
        await http.GetJsonAsync($"/douyin/user/?user_id={b}");
        await http.GetJsonAsync($"/douyin/user/?user_id={b}");
        var cached = (await f.ScrapeAsync()).Body;
        const string lookups = "tiktok_cache_lookups";
        Assert.True(Sample(cached, lookups, "kind=\"user\"", "result=\"hit\"") - Sample(after, lookups, "kind=\"user\"", "result=\"hit\"") >= 1,
            "a cached profile read is counted as a hit:\n" + string.Join('\n', cached.Split('\n').Where(l => l.Contains("cache"))));
        f.DeleteData();
    }

    private sealed class Collect(ActivityTraceId trace, List<Activity> into) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.TraceId == trace) lock (into) into.Add(data);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Requests_are_traced_with_their_database_commands_and_nothing_is_exported_by_default(string database)
    {
        var trace = ActivityTraceId.CreateRandom();
        var spans = new List<Activity>();
        using var f = new TiktokFactory(configure: s =>
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new Collect(trace, spans))), database: database);
        var http = f.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/douyin/feed/");
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && !HasBoth()) await Task.Delay(50);
        Assert.True(HasBoth(), "spans: " + string.Join(", ", Snapshot().Select(a => a.Source.Name + ":" + a.DisplayName)));
        f.DeleteData();

        List<Activity> Snapshot() { lock (spans) return spans.ToList(); }
        bool HasBoth()
        {
            var all = Snapshot();
            return all.Any(a => a.Kind == ActivityKind.Server) && all.Any(a => a.Kind == ActivityKind.Client);
        }
    }

    [Fact]
    public async Task An_unreachable_OTLP_endpoint_never_fails_a_request()
    {
        using var f = new TiktokFactory(settings: new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1" });
        var http = f.CreateClient();
        Assert.NotNull(f.Services.GetService<TracerProvider>());
        for (var i = 0; i < 3; i++) Assert.Equal(0, (await http.GetJsonAsync("/douyin/feed/")).Status());
        f.DeleteData();
    }
}
