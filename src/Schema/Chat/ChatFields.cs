using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Messages;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Chat;

/// <summary>Chat history with one user and sending a message.</summary>
public static class ChatFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MessageGraphType>>>>("chat")
            .Description("messages both ways between the viewer and a user, oldest first, created strictly after `after` (Unix ms): poll or catch up with the last createTime seen")
            .Arguments(
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "withUserId" },
                new QueryArgument<LongGraphType> { Name = "after", DefaultValue = 0L },
                new QueryArgument<IntGraphType> { Name = "first", DefaultValue = Cursors.MaxPage })
            .ResolveAsync(async c =>
            {
                var after = c.GetArgument<long>("after");
                if (after < 0) throw DomainErrors.OutOfRange("after", "must not be negative");
                return await c.Service<Core.Messages.Messages>().HistoryAsync(c.RequireViewer(), Ids.Argument(c, "withUserId"), after,
                    Cursors.First(c, 200), c.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<MessageGraphType>>("sendMessage")
            .Description("stores the message, then pushes it to both users' SignalR connections")
            .Arguments(
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "toUserId" },
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "content" })
            .ResolveAsync(async c => await c.Service<Core.Messages.Messages>().SendAsync(c.RequireViewer(), Ids.Argument(c, "toUserId"),
                c.GetArgument<string>("content"), c.CancellationToken));
    }
}
