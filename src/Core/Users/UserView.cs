namespace Tiktok.Core.Users;

/// <summary>A user as a viewer sees them: the counts plus whether the viewer follows them.</summary>
public sealed record UserView(
    long Id,
    string Name,
    long FollowCount,
    long FollowerCount,
    bool IsFollow,
    string AvatarKey,
    string BackgroundKey,
    string Signature,
    long LikesReceived,
    long WorkCount,
    long LikeCount);
