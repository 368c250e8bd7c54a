namespace Tiktok.Core.Data;

/// <summary>A user likes a video (one row per pair).</summary>
public sealed class Like
{
    public long UserId { get; set; }
    public long VideoId { get; set; }
    public Video Video { get; set; } = null!;
    public long CreatedAt { get; set; }
}
