namespace Tiktok.Core.Data;

/// <summary>A direct message from one user to another.</summary>
public sealed class Message
{
    public long Id { get; set; }
    public long FromUserId { get; set; }
    public long ToUserId { get; set; }
    public required string Content { get; set; }
    /// <summary>Unix ms; unique and increasing in commit order, so polling "after t" sees each message once.</summary>
    public long CreatedAt { get; set; }
}
