using Prometheus;
using StackExchange.Redis;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// The app's own Redis connection (the SignalR backplane has its own). Connects in the background
/// from start-up, never blocks a request: until the first connect completes, and whenever the
/// connection is down, commands fail at once (<see cref="BacklogPolicy.FailFast"/>) and callers fall
/// back to the database. StackExchange.Redis reconnects by itself.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private static readonly Counter Errors = Metrics.CreateCounter(
        "tiktok_redis_errors_total", "Redis commands of the app's cache that failed (the request went on from the database).",
        new CounterConfiguration { LabelNames = ["operation"] });

    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly ILogger<RedisConnection> _logger;
    private int _failing;

    public RedisConnection(RedisOptions options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Prefix = options.Prefix;
        _connecting = ConnectionMultiplexer.ConnectAsync(RedisConfigurations.Cache(options.Configuration));
        _connecting.ContinueWith(t => logger.LogError(t.Exception, "Redis configuration refused"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public string Prefix { get; }

    /// <summary>The database once the first connection attempt is over (connected or retrying), else null.</summary>
    public IDatabase? Database => _connecting.IsCompletedSuccessfully ? _connecting.Result.GetDatabase() : null;

    /// <summary>Waits for the first connection attempt (bounded by the connect timeout).</summary>
    public Task<ConnectionMultiplexer> ConnectedAsync() => _connecting;

    internal void Succeeded()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1) _logger.LogInformation("Redis reachable again");
    }

    internal void Failed(string operation, Exception ex)
    {
        Errors.WithLabels(operation).Inc();
        // One warning per outage, not one per request.
        if (Interlocked.Exchange(ref _failing, 1) == 0)
            _logger.LogWarning(ex, "Redis unreachable ({Operation}): serving from the database and per-instance state until it returns", operation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsCompletedSuccessfully) await _connecting.Result.DisposeAsync();
    }
}
