using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Accounts;
using Tiktok.Core.Relations;
using Tiktok.Core.Users;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

public sealed class AuthPayloadType : ObjectGraphType<AuthPayload>
{
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Field<NonNullGraphType<StringGraphType>>("token").Description("a JWT for REST compat, GraphQL (Authorization: Bearer) and SignalR").Resolve(c => c.Source.Token);
        Field<NonNullGraphType<UserGraphType>>("user").Resolve(c => c.Source.User);
    }
}
