using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tiktok.Schema.Http;

/// <summary>
/// GraphQL over WebSocket (<c>graphql-transport-ws</c>, the protocol of npm <c>graphql-ws</c>) on the
/// GraphQL endpoint: an endpoint filter takes WebSocket upgrade requests, HTTP requests go on.
/// </summary>
public static class GraphQLWebSockets
{
    public const string Subprotocol = "graphql-transport-ws";

    /// <summary>The endpoint filter <c>MapTiktokGraphQL</c> adds.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.WebSockets.IsWebSocketRequest) return await next(context);
        await AcceptAsync(http);
        return Results.Empty;
    }

    private static async Task AcceptAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Tiktok.GraphQL.WebSockets");
        var accepted = http.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol, StringComparer.Ordinal);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(accepted ? Subprotocol : null);
        if (!accepted)
        {
            logger.LogInformation("GraphQL WebSocket refused: subprotocol {Protocols} is not {Subprotocol}",
                string.Join(",", http.WebSockets.WebSocketRequestedProtocols), Subprotocol);
            await socket.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable,
                "Subprotocol not acceptable: use graphql-transport-ws", CancellationToken.None);
            return;
        }
        var connection = new GraphQLWebSocketConnection(socket, http,
            services.GetRequiredService<IOptions<GraphQLWebSocketOptions>>().Value,
            services.GetRequiredService<IDocumentExecuter<TiktokSchema>>(),
            services.GetRequiredService<IGraphQLTextSerializer>(), logger);
        await connection.RunAsync();
    }
}
