using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>Carries committed events to the other instances' brokers (Redis when scaled out; absent on one instance).</summary>
public interface ILiveEventBackplane
{
    /// <summary>Sends the event to the other instances without waiting; never throws.</summary>
    void Publish(IDomainEvent domainEvent);
}
