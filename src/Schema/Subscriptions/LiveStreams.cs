using GraphQL;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>What a subscription field's stream resolver needs: the broker and the transport's flow.</summary>
public static class LiveStreams
{
    /// <summary>The committed events of <paramref name="topic"/>, mapped; refused outside the WebSocket transport.</summary>
    public static IObservable<object> Watch(IResolveFieldContext context, string topic, Func<IDomainEvent, object?> map)
    {
        if (!context.UserContext.TryGetValue(SubscriptionFlow.UserContextKey, out var value) || value is not SubscriptionFlow flow)
            throw DomainErrors.Invalid("subscription", "needs a WebSocket: connect to /graphql with the graphql-transport-ws protocol");
        return context.Service<LiveEventBroker>().Watch(topic, flow, map);
    }
}
