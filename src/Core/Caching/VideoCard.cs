namespace Tiktok.Core.Caching;

/// <summary>A video's own row as every viewer sees it; its author is a separate entry.</summary>
public sealed record VideoCard(
    long Id,
    long AuthorId,
    string PlayKey,
    string CoverKey,
    long LikeCount,
    long CommentCount,
    string Title,
    long CreatedAt);
