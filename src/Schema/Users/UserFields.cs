using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Accounts;
using Tiktok.Core.Follows;
using Tiktok.Core.Users;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

/// <summary>Profiles; sign-up, log-in, follow and unfollow.</summary>
public static class UserFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<UserGraphType, object>("user")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "id" })
            .Resolve(c => c.Service<Loaders>().Users(c.Viewer()).Load(Ids.Argument(c, "id")));

        query.Field<UserGraphType, object?>("me").Description("the signed-in user; null without a token")
            .Resolve(c => c.Viewer() is { } me ? c.Service<Loaders>().Users(me).Load(me) : null);
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AuthPayloadType>>("register")
            .Arguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "username" },
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "password" })
            .ResolveAsync(async c =>
            {
                var id = await c.Service<Accounts>().RegisterAsync(c.GetArgument<string>("username"), c.GetArgument<string>("password"),
                    c.Caller().ClientAddress, c.CancellationToken);
                return await PayloadAsync(c, id);
            });

        mutation.Field<NonNullGraphType<AuthPayloadType>>("login")
            .Arguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "username" },
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "password" })
            .ResolveAsync(async c =>
            {
                var id = await c.Service<Accounts>().LoginAsync(c.GetArgument<string>("username"), c.GetArgument<string>("password"),
                    c.Caller().ClientAddress, c.CancellationToken);
                return await PayloadAsync(c, id);
            });

        mutation.Field<NonNullGraphType<UserGraphType>>("follow")
            .Description("idempotent; returns the followed user with their new counts")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "userId" })
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var target = Ids.Argument(c, "userId");
                await c.Service<Follows>().AddAsync(me, target, c.CancellationToken);
                return await c.Service<UserQueries>().GetAsync(target, me, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<UserGraphType>>("unfollow")
            .Description("idempotent; returns the user with their new counts")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "userId" })
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var target = Ids.Argument(c, "userId");
                await c.Service<Follows>().RemoveAsync(me, target, c.CancellationToken);
                return await c.Service<UserQueries>().GetAsync(target, me, c.CancellationToken);
            });
    }

    private static async Task<AuthPayload> PayloadAsync(IResolveFieldContext c, long id) =>
        new(c.Service<IAccessTokens>().Issue(id), await c.Service<UserQueries>().GetAsync(id, id, c.CancellationToken));
}
