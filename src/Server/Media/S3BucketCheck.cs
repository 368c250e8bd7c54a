namespace Tiktok.Server.Media;

/// <summary>Checks (and creates) the bucket when the server starts, so a wrong endpoint fails at once with the reason.</summary>
public sealed class S3BucketCheck(S3MediaStore store) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => store.EnsureBucketAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
