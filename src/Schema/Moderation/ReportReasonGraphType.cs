using GraphQL.Types;
using Tiktok.Core.Moderation;

namespace Tiktok.Schema.Moderation;

/// <summary>Why something is reported: SPAM, HARASSMENT, … OTHER.</summary>
public sealed class ReportReasonGraphType : EnumerationGraphType<ReportReason>
{
    public ReportReasonGraphType() => Name = "ReportReason";
}
