using Microsoft.Extensions.Options;
using Tiktok.Core.Videos;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Server.Media;

/// <summary>
/// Every instance runs one: once the server has started (migrations applied), it claims and runs
/// pending jobs, and running jobs whose lease expired (an instance died or stopped mid-way), until none
/// is left, then one batch of due media removals (<see cref="MediaPurge"/>), then looks again every <see cref="ProcessingOptions.PollInterval"/>.
/// </summary>
public sealed class MediaJobWorker(MediaJobRunner runner, IServiceScopeFactory scopes, IOptions<ProcessingOptions> options,
    IHostApplicationLifetime lifetime, ILogger<MediaJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Worker)
        {
            logger.LogInformation("Media job worker is off (Tiktok:Processing:Worker=false): other instances must run it");
            return;
        }
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
        logger.LogInformation("Media job worker {Owner} polling every {Interval}", runner.Owner, settings.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runner.RunOneAsync(null, stoppingToken)) { }
                // Store objects of deleted videos whose removal failed (the store was down): one batch a round.
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MediaPurge>().RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down for a while: keep polling.
                logger.LogWarning(ex, "Media job worker could not claim or run a job");
            }
            try { await Task.Delay(settings.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
