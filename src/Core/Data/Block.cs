namespace Tiktok.Core.Data;

/// <summary>The blocker blocks the blocked user (one row per pair and direction).</summary>
public sealed class Block
{
    public long BlockerId { get; set; }
    public long BlockedId { get; set; }
    public long CreatedAt { get; set; }
}
