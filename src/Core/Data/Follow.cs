namespace Tiktok.Core.Data;

/// <summary>The follower follows the followee (one row per pair).</summary>
public sealed class Follow
{
    public long FollowerId { get; set; }
    public long FolloweeId { get; set; }
    public User Followee { get; set; } = null!;
    public User Follower { get; set; } = null!;
    public long CreatedAt { get; set; }
}
