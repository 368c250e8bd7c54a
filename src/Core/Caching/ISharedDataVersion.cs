namespace Tiktok.Core.Caching;

/// <summary>
/// The <see cref="DataVersion"/> shared by every instance (the host implements it with Redis: INCR
/// after each commit that changes public data, GET on each cached read), as
/// <see cref="Videos.ISharedFeedVersion"/> is the feed page's.
/// </summary>
public interface ISharedDataVersion
{
    /// <summary>The current shared version, or null when it cannot be read now (then nothing is served from or stored under it).</summary>
    ValueTask<long?> ReadAsync();

    /// <summary>Moves the shared version; awaited after the commit and before the writer gets its answer. Must not throw.</summary>
    ValueTask BumpAsync(CancellationToken cancellationToken);
}
