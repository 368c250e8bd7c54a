using GraphQL.Types;
using Tiktok.Schema.Chat;
using Tiktok.Schema.Comments;
using Tiktok.Schema.Moderation;
using Tiktok.Schema.Notifications;
using Tiktok.Schema.Users;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema;

/// <summary>The schema: each domain folder adds its own root fields.</summary>
public sealed class TiktokSchema : GraphQL.Types.Schema
{
    public TiktokSchema(IServiceProvider services) : base(services)
    {
        // Both are in the current GraphQL spec; introspection queries of today's tools ask for them.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        var query = new ObjectGraphType { Name = "Query" };
        VideoFields.AddQueries(query);
        UserFields.AddQueries(query);
        BlockFields.AddQueries(query);
        ChatFields.AddQueries(query);
        NotificationFields.AddQueries(query);
        ModerationFields.AddQueries(query);
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        UserFields.AddMutations(mutation);
        BlockFields.AddMutations(mutation);
        VideoFields.AddMutations(mutation);
        CommentFields.AddMutations(mutation);
        ChatFields.AddMutations(mutation);
        NotificationFields.AddMutations(mutation);
        ModerationFields.AddMutations(mutation);
        Mutation = mutation;

        var subscription = new ObjectGraphType { Name = "Subscription" };
        VideoSubscriptions.Add(subscription);
        CommentSubscriptions.Add(subscription);
        ChatSubscriptions.Add(subscription);
        NotificationSubscriptions.Add(subscription);
        Subscription = subscription;
    }
}
