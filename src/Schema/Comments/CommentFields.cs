using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Comments;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Comments;

/// <summary>Comment and delete-comment mutations (a video's comments are a field of Video).</summary>
public static class CommentFields
{
    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CommentGraphType>>("addComment")
            .Arguments(
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" },
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "content" })
            .ResolveAsync(async c => await c.Service<Core.Comments.Comments>().AddAsync(c.RequireViewer(), Ids.Argument(c, "videoId"),
                c.GetArgument<string>("content"), c.CancellationToken));

        mutation.Field<NonNullGraphType<IdGraphType>>("deleteComment")
            .Description("only the comment's author may delete it; returns the deleted comment's id")
            .Arguments(
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" },
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "commentId" })
            .ResolveAsync(async c =>
            {
                var id = Ids.Argument(c, "commentId");
                await c.Service<Core.Comments.Comments>().DeleteAsync(c.RequireViewer(), Ids.Argument(c, "videoId"), id, c.CancellationToken);
                return id;
            });
    }
}
