namespace Tiktok.Core.Data;

/// <summary>What a <see cref="Report"/> is about.</summary>
public static class ReportTargets
{
    public const string Video = "video";
    public const string Comment = "comment";
    public const string User = "user";
}
