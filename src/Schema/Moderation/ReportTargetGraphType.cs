using GraphQL.Types;

namespace Tiktok.Schema.Moderation;

/// <summary>VIDEO, COMMENT or USER.</summary>
public sealed class ReportTargetGraphType : EnumerationGraphType<ReportTargetKind>
{
    public ReportTargetGraphType() => Name = "ReportTarget";
}
