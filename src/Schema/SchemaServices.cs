using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Errors;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Errors;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Schema;

public static class SchemaServices
{
    /// <summary>Largest depth of a query's selections.</summary>
    public const int MaxDepth = 12;

    /// <summary>Largest estimated cost of a query (GraphQL.NET's analyzer: lists count by their `first`).</summary>
    public const int MaxComplexity = 20_000;

    public static IServiceCollection AddTiktokSchema(this IServiceCollection services)
    {
        services.AddScoped<Loaders>();
        services.AddGraphQLSubscriptions();
        services.AddTransient(typeof(ConnectionType<,>));
        services.AddTransient(typeof(EdgeType<,>));
        services.AddGraphQL(graphql => graphql
            .AddSchema<TiktokSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TiktokSchema).Assembly)
            .AddErrorInfoProvider<DomainErrorInfoProvider>()
            // Resolvers share the request's DbContext: run them one at a time; loaders still batch.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription)
            .AddComplexityAnalyzer(o =>
            {
                o.MaxDepth = MaxDepth;
                o.MaxComplexity = MaxComplexity;
            })
            .AddUnhandledExceptionHandler(context =>
            {
                if (context.OriginalException is DomainException refusal)
                    context.Exception = new DomainError(refusal);
                else if (TransientFailures.Is(context.OriginalException))
                {
                    // The database is unreachable: UNAVAILABLE (9002), "try again"; a mutation's transaction rolled back.
                    context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Tiktok.GraphQL")
                        .LogWarning("Database unavailable in {Field}: {Error}", context.FieldContext?.FieldDefinition.Name,
                            context.OriginalException.GetBaseException().Message);
                    context.Exception = new DomainError(DomainErrors.Unavailable());
                }
                else if (context.OriginalException is not OperationCanceledException)
                    context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Tiktok.GraphQL")
                        .LogError(context.OriginalException, "Unhandled error in {Field}", context.FieldContext?.FieldDefinition.Name);
            }));
        return services;
    }
}
