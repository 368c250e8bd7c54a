namespace Tiktok.Core.Data;

/// <summary>A user's comment on a video.</summary>
public sealed class Comment
{
    public long Id { get; set; }
    public long VideoId { get; set; }
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public required string Content { get; set; }
    public long CreatedAt { get; set; }
}
