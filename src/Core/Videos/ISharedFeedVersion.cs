namespace Tiktok.Core.Videos;

/// <summary>
/// A feed version shared by every instance (the host implements it with Redis: INCR on commit, GET
/// on read). Without one, <see cref="FeedCache"/> versions pages by its own counter (one instance).
/// </summary>
public interface ISharedFeedVersion
{
    /// <summary>The current shared version, or null when it cannot be read now (then nothing is served from or stored in the cache).</summary>
    ValueTask<long?> ReadAsync();

    /// <summary>Moves the shared version; awaited after the commit and before the writer gets its answer. Must not throw.</summary>
    ValueTask BumpAsync(CancellationToken cancellationToken);
}
