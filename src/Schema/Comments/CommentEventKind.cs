namespace Tiktok.Schema.Comments;

/// <summary>What happened to a comment.</summary>
public enum CommentEventKind
{
    Added,
    Deleted,
}
