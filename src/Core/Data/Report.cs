namespace Tiktok.Core.Data;

/// <summary>
/// A user's report of a video, a comment or a user, for the moderation operators
/// (src/Core/Moderation). One open report per reporter and target.
/// </summary>
public sealed class Report
{
    public long Id { get; set; }
    public long ReporterId { get; set; }
    /// <summary><see cref="ReportTargets"/>.</summary>
    public required string TargetKind { get; set; }
    public long TargetId { get; set; }
    /// <summary>A <see cref="Moderation.ReportReason"/> in lower case.</summary>
    public required string Reason { get; set; }
    public string? Note { get; set; }
    /// <summary><see cref="ReportStates"/>.</summary>
    public string State { get; set; } = ReportStates.Open;
    public long CreatedAt { get; set; }
    public long? ResolvedAt { get; set; }
    /// <summary>The operator who dismissed it or removed its content; null when the content's author deleted it.</summary>
    public long? ResolvedBy { get; set; }
}
