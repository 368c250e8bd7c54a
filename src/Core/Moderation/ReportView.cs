namespace Tiktok.Core.Moderation;

/// <summary>A report as its reporter and the operators see it.</summary>
public sealed record ReportView(long Id, long ReporterId, string TargetKind, long TargetId, ReportReason Reason, string? Note,
    string State, long CreatedAt, long? ResolvedAt, long? ResolvedBy);
