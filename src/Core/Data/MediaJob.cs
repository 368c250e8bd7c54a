namespace Tiktok.Core.Data;

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
