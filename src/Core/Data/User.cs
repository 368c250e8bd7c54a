namespace Tiktok.Core.Data;

/// <summary>
/// An account. Its counts are denormalised here and changed only inside the transaction that
/// inserts or deletes the row they count, so counts and lists always agree.
/// </summary>
public sealed class User
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
    public string AvatarKey { get; set; } = MediaKeys.DefaultAvatar;
    public string BackgroundKey { get; set; } = MediaKeys.DefaultBackground;
    public string Signature { get; set; } = "";
    public long FollowCount { get; set; }
    public long FollowerCount { get; set; }
    /// <summary>Likes received on all of this user's videos.</summary>
    public long LikesReceived { get; set; }
    public long WorkCount { get; set; }
    /// <summary>Videos this user has liked.</summary>
    public long LikeCount { get; set; }
    /// <summary>Unread rows of this user's notifications, moved in the transaction that adds, withdraws or reads one.</summary>
    public long UnreadNotificationCount { get; set; }
    public long CreatedAt { get; set; }
}
