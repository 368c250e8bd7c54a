using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;
using Tiktok.Edge.Bodies;
using Tiktok.Edge.Errors;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Errors;
using Tiktok.Schema.Paging;
using Tiktok.Schema.RequestLimits;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Schema;

public static class SchemaServices
{
    public static IServiceCollection AddTiktokSchema(this IServiceCollection services)
    {
        services.AddRequestBodies();
        services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ExecutionTimeout > TimeSpan.Zero, "Tiktok:GraphQL:ExecutionTimeout must be positive")
            .Validate(o => Enum.IsDefined(o.TrustedDocuments), "Tiktok:GraphQL:TrustedDocuments must be Off, Allow or Only")
            .Validate(o => o.TrustedDocuments == RequestLimits.TrustedDocumentsMode.Off || !string.IsNullOrWhiteSpace(o.TrustedDocumentsFile),
                "Tiktok:GraphQL:TrustedDocumentsFile must name the file of operations to register (or set TrustedDocuments to Off)")
            .ValidateOnStart();
        services.AddSingleton<GuardedDocuments>();
        services.AddSingleton<Http.TrustedDocuments>();
        services.AddHostedService(sp => sp.GetRequiredService<Http.TrustedDocuments>()); // loaded at start: a bad file stops it
        services.AddSingleton<Http.PersistedQueries>();
        services.AddSingleton<Http.AnswerCache>();
        services.AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<GuardedDocuments>());
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
            // Depth is GuardedDocuments' (which tells introspection apart); the cost stays GraphQL.NET's,
            // which reads list sizes from literals and variables alike, on cached documents too.
            .AddComplexityAnalyzer((o, sp) =>
            {
                o.MaxDepth = null;
                o.MaxComplexity = sp.GetRequiredService<IOptions<GraphQLOptions>>().Value.MaxComplexity;
                var rows = o.DefaultComplexityImpactDelegate;
                o.DefaultComplexityImpactDelegate = context => IsIntrospection(context) ? new FieldComplexityResult(1, 1) : WithListArguments(context, rows(context));
            })
            .ConfigureExecutionOptions(options =>
            {
                // Over a WebSocket an operation lives as long as its subscription; the socket bounds it.
                if (options.UserContext?.ContainsKey(Subscriptions.SubscriptionFlow.UserContextKey) == true) return;
                var limits = options.RequestServices!.GetRequiredService<IOptions<GraphQLOptions>>().Value;
                options.Timeout = limits.ExecutionTimeout;
                options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
            })
            .AddUnhandledExceptionHandler(context =>
            {
                // The edge shapes it (refusal, outage, fault...); a client gone keeps GraphQL's own error.
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Tiktok.GraphQL")
                             ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
                var transient = context.ExecutionOptions.RequestServices!.GetRequiredService<TransientFailures>();
                var shaped = ErrorShaper.Shape(context.OriginalException, transient, logger,
                    "GraphQL field " + (context.FieldContext?.FieldDefinition.Name ?? "(none)"),
                    (context.ExecutionOptions.UserContext as GraphQLUserContext)?.RequestId ?? "",
                    context.ExecutionOptions.CancellationToken.IsCancellationRequested);
                if (shaped.Kind != FailureKind.ClientGone) context.Exception = new DomainError(shaped);
            }));
        return services;
    }

    /// <summary>Surcharge of a list field given <c>where</c> or <c>order</c>: per row looked at, not per row answered (docs/graphql.md).</summary>
    public const int WhereSurcharge = 20, OrderSurcharge = 10;

    private static FieldComplexityResult WithListArguments(FieldImpactContext context, FieldComplexityResult result)
    {
        var extra = 0;
        if (Given(context, "where")) extra += WhereSurcharge;
        if (Given(context, "order")) extra += OrderSurcharge;
        return extra == 0 ? result : new FieldComplexityResult(result.FieldImpact + extra, result.ChildImpactMultiplier);
    }

    private static bool Given(FieldImpactContext context, string argument) =>
        context.FieldDefinition.Arguments?.Find(argument) is not null &&
        context.FieldAst.Arguments?.Any(a => a.Name.StringValue == argument && a.Value is not GraphQLParser.AST.GraphQLNullValue) == true;

    /// <summary>
    /// Introspection answers from the schema in memory, and GuardedDocuments keeps each of its lists
    /// once per path: its fields cost 1 each instead of multiplying like lists of rows.
    /// </summary>
    private static bool IsIntrospection(FieldImpactContext context) =>
        context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal);
}
