using GraphQL.Types;
using Tiktok.Core.Messages;
using Tiktok.Core.Users;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Users;

namespace Tiktok.Schema.Chat;

public sealed class MessageGraphType : ObjectGraphType<MessageView>
{
    public MessageGraphType()
    {
        Name = "Message";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("fromUserId").Resolve(c => c.Source.FromUserId);
        Field<NonNullGraphType<IdGraphType>>("toUserId").Resolve(c => c.Source.ToUserId);
        Field<UserGraphType, object>("from").Description("the sender; loaded in one batch for a whole history")
            .Resolve(c => c.Service<Loaders>().Users(c.Viewer()).Load(c.Source.FromUserId));
        Field<NonNullGraphType<StringGraphType>>("content").Resolve(c => c.Source.Content);
        Field<NonNullGraphType<LongGraphType>>("createTime").Description("Unix ms; unique and increasing: the catch-up cursor").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<LongGraphType>>("prevCreateTime")
            .Description("no message of this conversation lies strictly between this time and createTime: in a `messages` event the conversation's previous message (0: none), in a `chat` page the entry before (the page's `after` for the first); a gap says a catch-up is due")
            .Resolve(c => c.Source.PrevCreatedAt);
    }
}
