using Tiktok.Core.Users;

namespace Tiktok.Core.Videos;

/// <summary>A video as a viewer sees it: its author, counts and whether the viewer liked it.</summary>
public sealed record VideoView(
    long Id,
    UserView Author,
    string PlayKey,
    string CoverKey,
    long LikeCount,
    long CommentCount,
    bool IsLiked,
    string Title,
    long CreatedAt);
