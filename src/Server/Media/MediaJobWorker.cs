using Microsoft.Extensions.Options;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Server.Media;

/// <summary>
/// Every instance runs one: once the server has started (migrations applied), it claims and runs
/// pending jobs, and running jobs whose lease expired (an instance died or stopped mid-way), until none
/// is left, then looks again every <see cref="ProcessingOptions.PollInterval"/>.
/// </summary>
public sealed class MediaJobWorker(MediaJobRunner runner, IOptions<ProcessingOptions> options,
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

internal static class HostStarted
{
    /// <summary>Waits until every start-up task (migrations among them) has run; false when stopping first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }
}

public static class VideoProcessingSetup
{
    /// <summary>The job table's claims, the <c>Tiktok:Processing</c> settings, this instance's worker and leftover sweep.</summary>
    public static IServiceCollection AddVideoProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessingOptions>().Bind(configuration.GetSection(ProcessingOptions.Section))
            .Validate(o => o.MaxAttempts > 0, "Tiktok:Processing:MaxAttempts must be positive")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero, "Tiktok:Processing:LeaseDuration must be positive")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Tiktok:Processing:PollInterval must be positive")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero, "Tiktok:Processing:RetryDelay must not be negative")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Tiktok:Processing:SweepInterval must be positive")
            .Validate(o => o.LeftoverAge > TimeSpan.Zero, "Tiktok:Processing:LeftoverAge must be positive")
            .ValidateOnStart();
        services.AddScoped<IMediaJobClaims, SqlMediaJobClaims>();
        services.AddHostedService<MediaJobWorker>();
        services.AddHostedService<LeftoverSweep>();
        return services;
    }
}
