namespace Tiktok.Schema.Moderation;

/// <summary>A report's state, as the schema names it.</summary>
public enum ReportStateKind
{
    Open,
    Removed,
    Dismissed,
}
