namespace Tiktok.Server.ScaleOut;

/// <summary>The <c>Tiktok:Redis</c> section; see docs/operations.md.</summary>
public sealed class RedisOptions
{
    public const string Section = "Tiktok:Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=...,ssl=true</c>); empty: no Redis, one instance.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>Prefix of every key and channel this app uses, so several deployments (or tests) can share one Redis.</summary>
    public string Prefix { get; set; } = "tiktok";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
