namespace Tiktok.Core.Caching;

/// <summary>The <c>Tiktok:Cache</c> section.</summary>
public sealed class CacheOptions
{
    public const string Section = "Tiktok:Cache";

    /// <summary>Off: every read goes to the database (the N+1 tests measure queries this way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry lives. Invalidation keeps entries exact; this bounds staleness only where
    /// an invalidation could not reach Redis while a reader on another instance could.
    /// </summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries the in-memory cache keeps (one instance, no Redis).</summary>
    public int MemoryEntries { get; set; } = 20_000;

    /// <summary>How long a loader holds its fill lease: past it another reader may load instead.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a reader that missed waits for another reader's fill before loading itself.</summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromMilliseconds(200);
}
