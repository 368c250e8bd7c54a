using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiktok.Core.Caching;
using Tiktok.Core.Accounts;
using Tiktok.Core.Videos;
using Tiktok.Schema.Subscriptions;
using Tiktok.Server.Observability;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// Several instances behind a load balancer share Redis (<c>Tiktok:Redis:Configuration</c>): the
/// SignalR backplane carries pushes between them, the hot-read cache lives in it, the feed cache's
/// version travels through it, and the sign-up/log-in budget is counted in it.
/// Without the setting nothing here is registered and the host stays a single instance.
/// </summary>
public static class RedisScaleOut
{
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.Enabled) return services;
        if (string.IsNullOrWhiteSpace(options.Prefix)) throw new InvalidOperationException("Tiktok:Redis:Prefix must not be empty");
        // Refuse a malformed string at start-up rather than at the first push.
        var backplane = RedisConfigurations.Backplane(options.Configuration, options.Prefix);

        services.AddSingleton(options);
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisWarmUp>();
        services.AddSingleton<ISharedFeedVersion, RedisFeedVersion>();
        if (configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() is not { Enabled: false })
        {
            // Replaces the in-memory cache the domain registers: entries shared by every instance.
            services.RemoveAll<IHotCache>();
            services.AddSingleton<IHotCache, RedisHotCache>();
        }
        services.AddSingleton<ISharedAttemptWindow, RedisAttemptWindow>();
        services.AddSingleton<RedisLiveEvents>();
        services.AddSingleton<ILiveEventBackplane>(sp => sp.GetRequiredService<RedisLiveEvents>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisLiveEvents>());

        // Replaces the in-memory HubLifetimeManager registered by AddLive (AddSignalR is idempotent).
        services.AddSignalR().AddStackExchangeRedis(o => o.Configuration = backplane);

        services.AddReadinessCheck<RedisHealthCheck>("redis");
        return services;
    }

    /// <summary>Starts connecting at start-up, so the first requests do not find the cache still connecting.</summary>
    private sealed class RedisWarmUp(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<RedisConnection>(); // its constructor starts connecting
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
