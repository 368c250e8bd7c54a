using Prometheus;
using Tiktok.Core.Events;

namespace Tiktok.Server.Observability;

/// <summary><c>tiktok_domain_events_total{type}</c>: committed changes by kind (likes, comments, messages, follows, videos).</summary>
public sealed class EventMetrics : IDomainEventHandler
{
    private static readonly Counter Events = Metrics.CreateCounter(
        "tiktok_domain_events_total", "Committed domain events, by type.", new CounterConfiguration { LabelNames = ["type"] });

    public ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        Events.WithLabels(domainEvent.GetType().Name).Inc();
        return ValueTask.CompletedTask;
    }
}
