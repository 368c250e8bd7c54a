using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>
/// The domain event handler behind GraphQL subscriptions: <c>Writes</c> calls it only after the
/// commit; it hands the event to this instance's broker and to the backplane for the others.
/// Neither waits, so the committing request is never slowed by its watchers.
/// </summary>
public sealed class CommittedEventRelay(LiveEventBroker broker, IEnumerable<ILiveEventBackplane> backplanes) : IDomainEventHandler
{
    private readonly ILiveEventBackplane[] _backplanes = [.. backplanes];

    public ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        if (!LiveTopics.IsLive(domainEvent)) return ValueTask.CompletedTask;
        broker.Publish(domainEvent);
        foreach (var backplane in _backplanes) backplane.Publish(domainEvent);
        return ValueTask.CompletedTask;
    }
}
