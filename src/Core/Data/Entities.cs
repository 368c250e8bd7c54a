namespace Tiktok.Core.Data;

// Rows. Counts are denormalised onto the rows they describe and changed only inside the
// same transaction as the row that justifies them, so counts and lists always agree.

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
    public long TotalFavorited { get; set; }
    public long WorkCount { get; set; }
    public long FavoriteCount { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class Video
{
    public long Id { get; set; }
    public long AuthorId { get; set; }
    public User Author { get; set; } = null!;
    public required string Title { get; set; }
    public required string PlayKey { get; set; }
    public required string CoverKey { get; set; }
    public long FavoriteCount { get; set; }
    public long CommentCount { get; set; }
    /// <summary>Publish time in Unix ms; unique, so feed paging by time never repeats or skips.</summary>
    public long CreatedAt { get; set; }
}

public sealed class Like
{
    public long UserId { get; set; }
    public long VideoId { get; set; }
    public Video Video { get; set; } = null!;
    public long CreatedAt { get; set; }
}

public sealed class Comment
{
    public long Id { get; set; }
    public long VideoId { get; set; }
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public required string Content { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class Follow
{
    public long FollowerId { get; set; }
    public long FolloweeId { get; set; }
    public User Followee { get; set; } = null!;
    public User Follower { get; set; } = null!;
    public long CreatedAt { get; set; }
}

public sealed class Message
{
    public long Id { get; set; }
    public long FromUserId { get; set; }
    public long ToUserId { get; set; }
    public required string Content { get; set; }
    /// <summary>Unix ms; unique and increasing in commit order, so polling "after t" sees each message once.</summary>
    public long CreatedAt { get; set; }
}

/// <summary>
/// Durable media work for one video (today: cutting its cover), claimed under a lease so that a
/// crashed instance's work is taken over and committed work is never committed twice
/// (src/Core/Videos/Processing).
/// </summary>
public sealed class MediaJob
{
    public long Id { get; set; }
    public long VideoId { get; set; }
    /// <summary>What to do: <see cref="MediaJobKinds"/>.</summary>
    public required string Kind { get; set; }
    /// <summary><see cref="MediaJobStates"/>.</summary>
    public string State { get; set; } = MediaJobStates.Pending;
    /// <summary>Claims so far, including one that crashed.</summary>
    public int Attempts { get; set; }
    /// <summary>The instance's token while running; null otherwise.</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>Unix ms: a running job's lease expiry, or the earliest retry of a pending one.</summary>
    public long LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public long CreatedAt { get; set; }
    public long? FinishedAt { get; set; }
}

public static class MediaJobKinds
{
    public const string Cover = "cover";
}

public static class MediaJobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>Storage keys of the built-in images the server always has.</summary>
public static class MediaKeys
{
    public const string DefaultAvatar = "defaults/avatar.png";
    public const string DefaultBackground = "defaults/background.png";
    public const string PlaceholderCover = "defaults/cover.png";
}
