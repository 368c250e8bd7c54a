using Tiktok.Core.Events;

namespace Tiktok.Core.Videos;

/// <summary>
/// The newest feed page (without viewer flags), kept in memory and dropped by every committed
/// change. A page is stored only under the version that was current before it was read, and
/// served only while that version is still current, so a reader never sees a write undone: the
/// version moves after the commit and before the writer's answer.
/// One instance per process; with several instances the version must travel between them
/// (the Redis step of the scale-out issue).
/// </summary>
public sealed class FeedCache : IDomainEventHandler
{
    /// <summary>Videos kept: a full page plus one, so a client asking for a page can be told whether more follow.</summary>
    public const int Size = Data.Limits.FeedPage + 1;

    private sealed record Entry(long Version, FeedPage Page);

    private long _version;
    private Entry? _newest;

    public long Version => Interlocked.Read(ref _version);

    public FeedPage? Newest()
    {
        var entry = Volatile.Read(ref _newest);
        return entry is not null && entry.Version == Version ? entry.Page : null;
    }

    /// <param name="readAtVersion">the <see cref="Version"/> read before the page was queried.</param>
    public void StoreNewest(long readAtVersion, FeedPage page)
    {
        if (readAtVersion == Version) Volatile.Write(ref _newest, new Entry(readAtVersion, page));
    }

    public ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        // Any committed change may touch a video or an author on the newest page.
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _newest, null);
        return ValueTask.CompletedTask;
    }
}
