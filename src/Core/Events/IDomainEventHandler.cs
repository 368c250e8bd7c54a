namespace Tiktok.Core.Events;

/// <summary>Receives committed events; the Server turns them into pushes, caches into invalidations.</summary>
public interface IDomainEventHandler
{
    ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}
