using Microsoft.Extensions.DependencyInjection.Extensions;
using Tiktok.Core.Accounts;
using Tiktok.Core.Caching;
using Tiktok.Core.Videos;
using Tiktok.Schema.Subscriptions;
using Tiktok.Server.Hosting;
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
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services, IConfiguration configuration, bool cacheEnabled)
    {
        // A malformed configuration string is refused at start-up rather than at the first push.
        var options = services.AddValidated(configuration, RedisOptions.Section, new RedisOptionsValidation());
        if (!options.Enabled) return services;
        var backplane = RedisConfigurations.Backplane(options.Configuration, options.Prefix);

        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RedisOptions>>().Value);
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisWarmUp>();
        services.AddSingleton<ISharedFeedVersion, RedisFeedVersion>();
        services.AddSingleton<ISharedDataVersion, RedisDataVersion>();
        if (cacheEnabled)
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
