namespace Tiktok.Core.Data;

/// <summary>
/// A media object to remove from the store, written in the transaction that made it unused (a video
/// deleted) and removed once the store has deleted the object: the store may be down at that moment,
/// and the row keeps the work until it can be done (<see cref="Videos.MediaPurge"/>).
/// </summary>
public sealed class MediaDeletion
{
    public long Id { get; set; }
    /// <summary>The store key (<c>videos/…</c>, <c>covers/…</c>); never a built-in <c>defaults/…</c> image.</summary>
    public required string Key { get; set; }
    public long CreatedAt { get; set; }
    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; set; }
    /// <summary>Unix ms: the earliest next attempt.</summary>
    public long NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
