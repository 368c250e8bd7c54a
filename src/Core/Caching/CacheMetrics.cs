namespace Tiktok.Core.Caching;

/// <summary>
/// How the hot-read cache answers, as a .NET meter <c>Tiktok.Cache</c> (exported on <c>/metrics</c>
/// by prometheus-net's meter adapter as <c>tiktok_cache_lookups{kind,result}</c>, a running total):
/// <c>hit</c> from the cache, <c>loaded</c> by this
/// reader under its lease (and stored), <c>filled</c> by another reader's load it waited for,
/// <c>direct</c> loaded without storing (a wait that ran out, an unreadable entry), <c>bypass</c>
/// loaded without the cache (Redis unreachable, or invalidations still owed).
/// </summary>
public static class CacheMetrics
{
    public const string MeterName = "Tiktok.Cache";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);

    private static readonly System.Diagnostics.Metrics.Counter<long> Lookups = Meter.CreateCounter<long>(
        "lookups", unit: "{entry}", description: "Entries asked of the hot-read cache, by how they were answered");

    public static void Count(CardKind kind, string result, int entries)
    {
        if (entries <= 0) return;
        Lookups.Add(entries,
            new KeyValuePair<string, object?>("kind", kind switch { CardKind.User => "user", CardKind.Video => "video", _ => "viewer" }),
            new KeyValuePair<string, object?>("result", result));
    }
}
