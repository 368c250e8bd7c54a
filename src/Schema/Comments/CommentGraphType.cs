using GraphQL.Types;
using Tiktok.Core.Comments;
using Tiktok.Schema.Users;

namespace Tiktok.Schema.Comments;

public sealed class CommentGraphType : ObjectGraphType<CommentView>
{
    public CommentGraphType()
    {
        Name = "Comment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<NonNullGraphType<UserGraphType>>("user").Resolve(c => c.Source.User);
        Field<NonNullGraphType<StringGraphType>>("content").Resolve(c => c.Source.Content);
        Field<NonNullGraphType<LongGraphType>>("createdAt").Description("Unix ms").Resolve(c => c.Source.CreatedAt);
    }
}
