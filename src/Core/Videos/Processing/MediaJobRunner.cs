using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tiktok.Core.Videos.Processing;

/// <summary>
/// This instance's side of the job table: its lease owner token, runs of single jobs in a scope of their
/// own (publish's inline run, the worker's polling), and a stop signal on shutdown. Work it abandons
/// (shutdown, crash) is taken over by any instance's worker once the lease expires.
/// </summary>
public sealed class MediaJobRunner(IServiceScopeFactory scopes, IOptions<ProcessingOptions> options, ILogger<MediaJobRunner> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Identifies this instance's claims: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Claims and runs one job (the given one, or the oldest claimable); false when none could be claimed.</summary>
    public async Task<bool> RunOneAsync(long? jobId, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediaJobProcessor>().RunOneAsync(jobId, Owner, linked.Token);
    }

    /// <summary>
    /// Starts a just-committed job here and waits for it up to <see cref="ProcessingOptions.InlineBudget"/>;
    /// past the budget the work goes on in the background. Never throws: the job is durable either way.
    /// </summary>
    public async Task RunSoonAsync(long jobId, CancellationToken ct)
    {
        var budget = options.Value.InlineBudget;
        if (budget <= TimeSpan.Zero) return;
        var work = Task.Run(async () =>
        {
            try { await RunOneAsync(jobId, CancellationToken.None); }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
            catch (ObjectDisposedException) when (_stopping.IsCancellationRequested) { }
            catch (Exception ex) { logger.LogError(ex, "Media job {JobId} could not be run here; a worker will retry it", jobId); }
        }, CancellationToken.None);
        try
        {
            await work.WaitAsync(budget, ct);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("Media job {JobId} still running after {Budget}; answering without waiting for it", jobId, budget);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public void Dispose()
    {
        // Not disposed: a job still running here may read the token after the container is gone.
        _stopping.Cancel();
    }
}
