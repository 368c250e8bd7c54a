namespace Tiktok.Schema;

/// <summary>Who is asking (from the same JWT as REST compat) and the base of absolute media URLs.</summary>
public sealed class GraphQLUserContext : Dictionary<string, object?>
{
    public long? ViewerId { get; init; }
    public string RequestBase { get; init; } = "";

    /// <summary>The request id clients quote (X-Request-Id), for internal errors.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>The client's address, for per-address limits.</summary>
    public string ClientAddress { get; init; } = "unknown";
}
