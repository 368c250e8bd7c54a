using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// Redis for <c>/readyz</c>. Unreachable is <b>Degraded</b>, not Unhealthy: requests still succeed
/// from the database, so a Redis outage must not take every instance out of the load balancer.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await redis.ConnectedAsync().WaitAsync(cancellationToken);
            var latency = await multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Degraded(
                "Redis unreachable: requests are served from the database; cross-instance pushes wait for it", ex);
        }
    }
}
