namespace Tiktok.Schema.Http;

/// <summary>The close codes of the graphql-transport-ws protocol this server uses (docs/graphql.md).</summary>
public static class GraphQLWebSocketCloseCodes
{
    public const int Normal = 1000;
    public const int MessageTooBig = 1009;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}
