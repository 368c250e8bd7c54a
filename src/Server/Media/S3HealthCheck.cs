namespace Tiktok.Server.Media;

/// <summary>
/// The media store for <c>/readyz</c>: the bucket answers. Unreachable or missing is <b>Degraded</b>,
/// not Unhealthy: feeds, profiles, chat and (with presigned or public URLs) playback do not need
/// the server to reach S3, so an S3 outage must not take every instance out of the load balancer.
/// Uploads and proxied media fail meanwhile, with their own error answers.
/// </summary>
public sealed class S3HealthCheck(S3MediaStore store) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.BucketExistsAsync(cancellationToken)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"bucket '{store.Bucket}' at {store.Endpoint}")
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(
                    $"bucket '{store.Bucket}' does not exist at {store.Endpoint}: uploads and proxied media fail");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(
                $"S3 at {store.Endpoint} unreachable: uploads and proxied media fail", ex);
        }
    }
}
