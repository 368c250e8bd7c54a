using GraphQL;
using Tiktok.Core.Errors;

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

public static class ResolveContextExtensions
{
    public static GraphQLUserContext Caller(this IResolveFieldContext context) => (GraphQLUserContext)context.UserContext;

    public static long? Viewer(this IResolveFieldContext context) => context.Caller().ViewerId;

    /// <summary>The signed-in user, or TOKEN_MISSING for an anonymous request.</summary>
    public static long RequireViewer(this IResolveFieldContext context) => context.Viewer() ?? throw DomainErrors.TokenMissing();

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        (T)(context.RequestServices ?? throw new InvalidOperationException("no request services"))
            .GetService(typeof(T))! ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered");
}
