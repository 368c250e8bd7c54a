using System.Threading.Channels;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>
/// The domain event handler behind every push. <c>Writes</c> calls it only after the commit; it
/// queues the event and returns at once, so the request that committed never waits for (or is
/// slowed by) its watchers. <see cref="LivePushWorker"/> sends them, one at a time, in order.
/// </summary>
public sealed class LivePushes : IDomainEventHandler
{
    // Bounded so that a stalled worker pushes back on writers instead of growing without end.
    private readonly Channel<IDomainEvent> _queue = Channel.CreateBounded<IDomainEvent>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<IDomainEvent> Reader => _queue.Reader;

    public ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken) => domainEvent switch
    {
        MessageStored or VideoCountsChanged or CommentAdded or CommentDeleted or NotificationChanged or UnreadNotificationsChanged => _queue.Writer.WriteAsync(domainEvent, cancellationToken),
        _ => ValueTask.CompletedTask,
    };

    /// <summary>Asks the worker to re-read a video's counts and push them if they differ from the last push.</summary>
    internal void Reconcile(long videoId) => _queue.Writer.TryWrite(new ReconcileCounts(videoId));

    internal sealed record ReconcileCounts(long VideoId) : IDomainEvent;
}
