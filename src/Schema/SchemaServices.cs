using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Edge.Bodies;
using Tiktok.Edge.Errors;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Errors;
using Tiktok.Schema.Paging;

namespace Tiktok.Schema;

public static class SchemaServices
{
    /// <summary>Largest depth of a query's selections.</summary>
    public const int MaxDepth = 12;

    /// <summary>Largest estimated cost of a query (GraphQL.NET's analyzer: lists count by their `first`).</summary>
    public const int MaxComplexity = 20_000;

    public static IServiceCollection AddTiktokSchema(this IServiceCollection services)
    {
        services.AddRequestBodies();
        services.AddScoped<Loaders>();
        services.AddTransient(typeof(ConnectionType<,>));
        services.AddTransient(typeof(EdgeType<,>));
        services.AddGraphQL(graphql => graphql
            .AddSchema<TiktokSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TiktokSchema).Assembly)
            .AddErrorInfoProvider<DomainErrorInfoProvider>()
            // Resolvers share the request's DbContext: run them one at a time; loaders still batch.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddComplexityAnalyzer(o =>
            {
                o.MaxDepth = MaxDepth;
                o.MaxComplexity = MaxComplexity;
            })
            .AddUnhandledExceptionHandler(context =>
            {
                // The edge shapes it (refusal, outage, fault...); a client gone keeps GraphQL's own error.
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Tiktok.GraphQL")
                             ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                var shaped = ErrorShaper.Shape(context.OriginalException, logger,
                    "GraphQL field " + (context.FieldContext?.FieldDefinition.Name ?? "(none)"),
                    (context.ExecutionOptions.UserContext as GraphQLUserContext)?.RequestId ?? "",
                    context.ExecutionOptions.CancellationToken.IsCancellationRequested);
                if (shaped.Kind != FailureKind.ClientGone) context.Exception = new DomainError(shaped);
            }));
        return services;
    }
}
