using GraphQL.Types;
using Tiktok.Core.Comments;
using Tiktok.Core.Events;
using Tiktok.Core.Users;

namespace Tiktok.Schema.Comments;

/// <summary>A comment posted on or deleted from a video, as pushed by <c>commentEvents</c>.</summary>
public sealed class CommentEventGraphType : ObjectGraphType<IDomainEvent>
{
    public CommentEventGraphType()
    {
        Name = "CommentEvent";
        Field<NonNullGraphType<CommentEventKindGraphType>>("kind").Resolve(c => c.Source is CommentAdded ? CommentEventKind.Added : CommentEventKind.Deleted);
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source switch
        {
            CommentAdded a => a.VideoId,
            CommentDeleted d => d.VideoId,
            _ => 0L,
        });
        Field<NonNullGraphType<IdGraphType>>("commentId").Resolve(c => c.Source switch
        {
            CommentAdded a => a.CommentId,
            CommentDeleted d => d.CommentId,
            _ => 0L,
        });
        Field<CommentGraphType>("comment")
            .Description("the new comment with its author; null for a deletion, or when the author no longer exists")
            .ResolveAsync(async c =>
            {
                if (c.Source is not CommentAdded a) return null;
                var users = await c.Service<UserQueries>().ManyAsync([a.UserId], c.Viewer(), c.CancellationToken);
                return users.TryGetValue(a.UserId, out var author)
                    ? new CommentView(a.CommentId, a.VideoId, author, a.Content, a.CreatedAt)
                    : null;
            });
    }
}
