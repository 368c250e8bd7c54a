namespace Tiktok.Core.Comments;

/// <summary>The fields a video's comments can be filtered or ordered by.</summary>
public enum CommentField
{
    Content,
    CreatedAt,
}
