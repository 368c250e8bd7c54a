using GraphQL;
using Tiktok.Core.Errors;

namespace Tiktok.Schema;

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
