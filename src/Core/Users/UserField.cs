namespace Tiktok.Core.Users;

/// <summary>The fields a list of users (following, followers) can be filtered or ordered by.</summary>
public enum UserField
{
    Name,
    FollowCount,
    FollowerCount,
    WorkCount,
}
