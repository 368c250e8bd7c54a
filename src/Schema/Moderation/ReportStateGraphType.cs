using GraphQL.Types;

namespace Tiktok.Schema.Moderation;

/// <summary>OPEN, REMOVED (the content is gone) or DISMISSED.</summary>
public sealed class ReportStateGraphType : EnumerationGraphType<ReportStateKind>
{
    public ReportStateGraphType() => Name = "ReportState";
}
