using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Events;

namespace Tiktok.Server.Live;

/// <summary>The SignalR hubs under <c>/hubs/</c>: registration, endpoints, and the token hook. See docs/hubs.md.</summary>
public static class LiveSetup
{
    public const string HubsPath = "/hubs";
    public const string ChatPath = "/hubs/chat";
    public const string VideosPath = "/hubs/videos";

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
        return app;
    }

    /// <summary>
    /// JwtBearer's <c>OnMessageReceived</c>: browsers cannot set headers on WebSockets or
    /// EventSource, so SignalR clients send the token as <c>access_token</c> in the query. Taken only
    /// on <c>/hubs/...</c> and only when no Authorization header came; elsewhere nothing changes.
    /// </summary>
    public static Task ReadHubAccessToken(MessageReceivedContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments(HubsPath) && string.IsNullOrEmpty(request.Headers.Authorization) &&
            request.Query.TryGetValue("access_token", out var token) && token.Count == 1 && !string.IsNullOrEmpty(token[0]))
            context.Token = token[0];
        return Task.CompletedTask;
    }
}
