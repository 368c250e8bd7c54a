using GraphQL.Types;
using Tiktok.Core.Users;

namespace Tiktok.Schema.Users;

public sealed class FriendGraphType : ObjectGraphType<FriendView>
{
    public FriendGraphType()
    {
        Name = "Friend";
        Field<NonNullGraphType<UserGraphType>>("user").Resolve(c => c.Source.User);
        Field<NonNullGraphType<StringGraphType>>("lastMessage").Description("\"\" when they never wrote").Resolve(c => c.Source.LastMessage);
        Field<NonNullGraphType<BooleanGraphType>>("lastMessageSentByViewer").Resolve(c => c.Source.LastMessageSentByViewer);
    }
}
