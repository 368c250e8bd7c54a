using GraphQL.Types;

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
