using Microsoft.Extensions.Options;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Server.Media;

/// <summary>
/// Removes temporary files that crashed processes left behind (<see cref="Leftovers"/>): once the
/// server has started (migrations applied), then every <see cref="ProcessingOptions.SweepInterval"/>.
/// Runs on every instance, worker or not: the files belong to the data directory.
/// </summary>
public sealed class LeftoverSweep(IServiceScopeFactory scopes, IOptions<ProcessingOptions> options,
    IHostApplicationLifetime lifetime, ILogger<LeftoverSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken)) return;
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Leftovers>().SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down for a while: job folders are kept until it answers.
                logger.LogWarning(ex, "Leftover temporary files could not be swept; trying again in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }
}
