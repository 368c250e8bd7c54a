using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Events;
using Tiktok.Schema.Http;

namespace Tiktok.Schema.Subscriptions;

public static class SubscriptionServices
{
    /// <summary>The broker, the committed-event handler that feeds it, and the WebSocket transport's settings.</summary>
    public static IServiceCollection AddGraphQLSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<LiveEventBroker>();
        services.AddSingleton<CommittedEventRelay>();
        services.AddSingleton<IDomainEventHandler>(sp => sp.GetRequiredService<CommittedEventRelay>());
        services.AddOptions<GraphQLWebSocketOptions>().BindConfiguration(GraphQLWebSocketOptions.Section)
            .Validate(o => o.ConnectionInitTimeout > TimeSpan.Zero && o.MaxOperations > 0 && o.MaxMessageBytes >= 1024,
                $"{GraphQLWebSocketOptions.Section}: ConnectionInitTimeout and MaxOperations must be positive, MaxMessageBytes at least 1024")
            .ValidateOnStart();
        return services;
    }
}
