using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>The SignalR hubs under <c>/hubs/</c>: registration, endpoints, and the binding of connections to users. See docs/hubs.md.</summary>
public static class LiveSetup
{
    public const string HubsPath = "/hubs";
    public const string ChatPath = "/hubs/chat";
    public const string VideosPath = "/hubs/videos";
    public const string NotificationsPath = "/hubs/notifications";

    /// <summary>Largest message a client may send to a hub (a chat message is at most 1,000 characters).</summary>
    public const long MaxReceiveBytes = 32 * 1024;

    /// <summary>The category of SignalR's invocation log (its "Failed to invoke hub method" is at Error).</summary>
    public const string HubDispatcherLog = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    /// <summary>Most videos one connection watches at once.</summary>
    public const int MaxWatchedVideos = 50;

    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaxReceiveBytes;
            o.EnableDetailedErrors = false;
            o.AddFilter<DomainErrorHubFilter>();
        });
        // SignalR logs every failed invocation at Error, refusals included; DomainErrorHubFilter logs
        // each failure at its own level (a fault at Error, with its exception), so that log is dropped.
        services.AddLogging(logging => logging.AddFilter(HubDispatcherLog, LogLevel.Critical));
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<ConnectionOwners>();
        services.AddSingleton<LivePushes>();
        services.AddSingleton<IDomainEventHandler>(sp => sp.GetRequiredService<LivePushes>());
        services.AddHostedService<LivePushWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        // A connection outliving its token is closed; the client reconnects with a fresh one.
        app.MapHub<ChatHub>(ChatPath, o => o.CloseOnAuthenticationExpiration = true);
        app.MapHub<VideosHub>(VideosPath);
        app.MapHub<NotificationsHub>(NotificationsPath, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }

    /// <summary>
    /// Binds each hub connection to the user who negotiated it (<see cref="ConnectionOwners"/>);
    /// after authentication, before the hubs.
    /// </summary>
    public static IApplicationBuilder UseLiveConnectionOwners(this IApplicationBuilder app) =>
        app.UseMiddleware<ConnectionOwners>();
}
