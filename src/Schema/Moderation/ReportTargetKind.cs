namespace Tiktok.Schema.Moderation;

/// <summary>What a report is about, as the schema names it.</summary>
public enum ReportTargetKind
{
    Video,
    Comment,
    User,
}
