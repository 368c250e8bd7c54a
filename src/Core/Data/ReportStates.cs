namespace Tiktok.Core.Data;

/// <summary>The states of a <see cref="Report"/>: open, then removed (its content is gone) or dismissed.</summary>
public static class ReportStates
{
    public const string Open = "open";
    /// <summary>The content was removed by an operator, or deleted by its author.</summary>
    public const string Removed = "removed";
    public const string Dismissed = "dismissed";
}
