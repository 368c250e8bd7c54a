using StackExchange.Redis;

namespace Tiktok.Server.ScaleOut;

/// <summary>Connection settings: the user's string plus defaults that keep a Redis outage from slowing requests.</summary>
public static class RedisConfigurations
{
    /// <summary>For the cache: short timeouts, fail fast while disconnected.</summary>
    public static ConfigurationOptions Cache(string configuration)
    {
        var o = Common(configuration);
        if (!Has(configuration, "syncTimeout")) o.SyncTimeout = 500;
        if (!Has(configuration, "asyncTimeout")) o.AsyncTimeout = 1000;
        o.BacklogPolicy = BacklogPolicy.FailFast;
        return o;
    }

    /// <summary>For the SignalR backplane: commands wait (up to asyncTimeout) through a short reconnect.</summary>
    public static ConfigurationOptions Backplane(string configuration, string prefix)
    {
        var o = Common(configuration);
        o.ChannelPrefix = RedisChannel.Literal(prefix + ":signalr:");
        return o;
    }

    private static ConfigurationOptions Common(string configuration)
    {
        var o = ConfigurationOptions.Parse(configuration);
        // Start (and keep running) without Redis; reconnect in the background.
        o.AbortOnConnectFail = false;
        if (!Has(configuration, "connectTimeout")) o.ConnectTimeout = 2000;
        o.ReconnectRetryPolicy = new LinearRetry(1000);
        o.ClientName ??= "tiktok";
        return o;
    }

    private static bool Has(string configuration, string key) =>
        configuration.Contains(key + "=", StringComparison.OrdinalIgnoreCase);
}
