using GraphQL.Types;

namespace Tiktok.Schema.Comments;

/// <summary>ADDED or DELETED.</summary>
public sealed class CommentEventKindGraphType : EnumerationGraphType<CommentEventKind>
{
    public CommentEventKindGraphType() => Name = "CommentEventKind";
}
