using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Media;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

public sealed class FriendGraphType : ObjectGraphType<FriendView>
{
    public FriendGraphType()
    {
        Name = "Friend";
        Field<NonNullGraphType<UserGraphType>>("user").Resolve(c => c.Source.User);
        Field<NonNullGraphType<StringGraphType>>("lastMessage").Description("\"\" when they never wrote").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<BooleanGraphType>>("lastMessageSentByViewer").Resolve(c => c.Source.MsgType == 1);
    }
}
