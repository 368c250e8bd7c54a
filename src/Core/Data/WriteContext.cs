using Tiktok.Core.Caching;
using Tiktok.Core.Events;

namespace Tiktok.Core.Data;

/// <summary>What a unit of work sees: the context, the clock and a place to raise events.</summary>
public sealed class WriteContext(TiktokDbContext db, IWriteGate gate, long now)
{
    internal readonly List<IDomainEvent> Events = [];
    internal readonly HashSet<CardKey> Changed = [];
    public TiktokDbContext Db { get; } = db;
    /// <summary>Wall-clock Unix ms at the start of the transaction.</summary>
    public long Now { get; } = now;
    public void Raise(IDomainEvent domainEvent) => Events.Add(domainEvent);

    /// <summary>This transaction changes the user's row (a count, the profile): its cache entry is dropped after the commit.</summary>
    public void UserChanged(long userId) => Changed.Add(CardKey.User(userId));

    /// <summary>This transaction changes the video's row: its cache entry is dropped after the commit.</summary>
    public void VideoChanged(long videoId) => Changed.Add(CardKey.Video(videoId));

    /// <summary>
    /// This transaction changes what the user sees as a viewer (a like, a follow of theirs): their
    /// <see cref="ViewerFlags"/> entry is dropped after the commit, before the answer.
    /// </summary>
    public void ViewerChanged(long userId) => Changed.Add(CardKey.Viewer(userId));

    /// <summary>Orders this transaction after every other one that sequenced on <paramref name="topic"/>.</summary>
    public Task SequenceAsync(string topic, CancellationToken ct) => gate.SequenceAsync(Db, topic, ct);
}
