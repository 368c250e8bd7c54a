using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Blocks;
using Tiktok.Core.Users;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

/// <summary>Blocking: the viewer's blocked users, block and unblock (docs/graphql.md, "Blocking").</summary>
public static class BlockFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<UserGraphType, UserView>>>("blockedUsers")
            .Description("the users the signed-in viewer has blocked, most recently blocked first; TOKEN_MISSING without a token")
            .Arguments(Cursors.Arguments())
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var first = Cursors.First(c);
                var after = Cursors.Decode('b', c.GetArgument<string?>("after"));
                var page = await c.Service<Blocks>().BlockedByAsync(me, after, first + 1, c.CancellationToken);
                return ConnectionPage<UserView>.FromOverfetch(page, first, e => e.User, e => Cursors.Encode('b', e.Cursor.At, e.Cursor.Id));
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UserGraphType>>("blockUser")
            .Description("idempotent; ends the follows between the viewer and the user both ways; returns the user with their new counts")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "userId" })
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var target = Ids.Argument(c, "userId");
                await c.Service<Blocks>().AddAsync(me, target, c.CancellationToken);
                return await c.Service<UserQueries>().GetAsync(target, me, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<UserGraphType>>("unblockUser")
            .Description("idempotent; lifts the viewer's block of the user (the follows it ended are not restored)")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "userId" })
            .ResolveAsync(async c =>
            {
                var me = c.RequireViewer();
                var target = Ids.Argument(c, "userId");
                await c.Service<Blocks>().RemoveAsync(me, target, c.CancellationToken);
                return await c.Service<UserQueries>().GetAsync(target, me, c.CancellationToken);
            });
    }
}
