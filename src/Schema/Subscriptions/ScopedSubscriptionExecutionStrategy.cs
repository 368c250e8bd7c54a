using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Tiktok.Schema.Subscriptions;

/// <summary>
/// GraphQL.NET's subscription strategy, with each event executed in a DI scope of its own (its
/// own DbContext and loaders: events of one subscription may execute concurrently, and loaders
/// must not serve a profile cached hours ago). Child fields run serially, as in queries.
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy() : SubscriptionExecutionStrategy(new SerialExecutionStrategy())
{
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(GraphQL.Execution.ExecutionContext context, ExecutionNode node, object? value)
    {
        var scopes = context.RequestServices!.GetRequiredService<IServiceScopeFactory>();
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        return await base.ProcessDataAsync(context, node, value);
    }
}
