using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tiktok.Core.Videos.Processing;

/// <summary>
/// Keeps a claimed job's lease alive while its work runs: every <see cref="ProcessingOptions.RenewInterval"/>
/// it moves <c>LeaseUntil</c> on by a whole lease, in a scope (and database context) of its own, as long
/// as the owner token still matches. When a renewal finds the job no longer running under this owner
/// (another instance took it over after a stall longer than the lease), <see cref="Token"/> is
/// cancelled so the local work stops; its result could not commit anyway. A renewal that fails (the
/// database unreachable) is logged and tried again on the next tick: the work goes on, and the commit's
/// owner check still decides.
/// </summary>
public sealed class LeaseHeartbeat : IAsyncDisposable
{
    private readonly long _jobId;
    private readonly string _owner;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ProcessingOptions _settings;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _work;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _lost;
    private int _disposed;

    public LeaseHeartbeat(long jobId, string owner, IServiceScopeFactory scopes, TimeProvider clock,
        ProcessingOptions settings, ILogger logger, CancellationToken ct)
    {
        (_jobId, _owner, _scopes, _clock, _settings, _logger) = (jobId, owner, scopes, clock, settings, logger);
        _work = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = Task.Run(() => RenewUntilStoppedAsync(ct), CancellationToken.None);
    }

    /// <summary>Cancelled when the caller's token is, or when the lease was found taken over.</summary>
    public CancellationToken Token => _work.Token;

    /// <summary>True once a renewal found the job running under another owner (or no longer running).</summary>
    public bool Lost => Volatile.Read(ref _lost) == 1;

    private async Task RenewUntilStoppedAsync(CancellationToken ct)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, ct);
        using var timer = new PeriodicTimer(_settings.RenewInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(both.Token))
            {
                bool held;
                try
                {
                    await using var scope = _scopes.CreateAsyncScope();
                    var until = _clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)_settings.LeaseDuration.TotalMilliseconds;
                    held = await scope.ServiceProvider.GetRequiredService<IMediaJobClaims>().RenewAsync(_jobId, _owner, until, both.Token);
                }
                catch (Exception) when (both.IsCancellationRequested)
                {
                    return; // stopped, or the host is shutting down (its services may be gone)
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "Media job {JobId}: its lease could not be renewed; trying again in {Interval}", _jobId, _settings.RenewInterval);
                    continue;
                }
                if (held) continue;
                Volatile.Write(ref _lost, 1);
                _logger.LogWarning("Media job {JobId} was taken over by another instance (or ended) while running here; the local work is cancelled", _jobId);
                await _work.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException) when (both.IsCancellationRequested) { }
    }

    /// <summary>Stops renewing and waits for a renewal in flight; the lease then runs out unless committed or released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _work.Dispose();
    }
}
