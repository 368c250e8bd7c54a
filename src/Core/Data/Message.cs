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
    /// <summary>
    /// Not stored: the conversation's previous message time, taken by the writer under the "messages"
    /// sequence, for the <c>MessageStored</c> event (so the effect rule need not query it again).
    /// </summary>
    public long PreviousCreatedAt { get; set; }
}
