namespace Tiktok.Core.Videos;

/// <summary>The fields a list of videos can be filtered or ordered by.</summary>
public enum VideoField
{
    Title,
    PublishedAt,
    LikeCount,
    CommentCount,
}
