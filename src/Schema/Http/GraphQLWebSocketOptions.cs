namespace Tiktok.Schema.Http;

/// <summary>The <c>Tiktok:GraphQL:WebSockets</c> section: bounds of one graphql-transport-ws connection (docs/graphql.md).</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "Tiktok:GraphQL:WebSockets";

    /// <summary>Time from the upgrade to <c>connection_init</c>; then close 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Operations (subscriptions, queries, mutations) one connection runs at once; more are answered with an error.</summary>
    public int MaxOperations { get; set; } = 20;

    /// <summary>Largest client message; a larger one closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;
}
