using GraphQL.Types;
using Tiktok.Core.Moderation;

namespace Tiktok.Schema.Moderation;

/// <summary>A report of a video, a comment or a user.</summary>
public sealed class ReportGraphType : ObjectGraphType<ReportView>
{
    public ReportGraphType()
    {
        Name = "Report";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("reporterId").Resolve(c => c.Source.ReporterId);
        Field<NonNullGraphType<ReportTargetGraphType>>("target").Resolve(c => ModerationFields.Target(c.Source.TargetKind));
        Field<NonNullGraphType<IdGraphType>>("targetId").Description("the video's, comment's or user's id").Resolve(c => c.Source.TargetId);
        Field<NonNullGraphType<ReportReasonGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<StringGraphType>("note").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<ReportStateGraphType>>("state").Resolve(c => Enum.Parse<ReportStateKind>(c.Source.State, ignoreCase: true));
        Field<NonNullGraphType<LongGraphType>>("createdAt").Description("Unix ms").Resolve(c => c.Source.CreatedAt);
        Field<LongGraphType>("resolvedAt").Description("Unix ms; null while open").Resolve(c => c.Source.ResolvedAt);
    }
}
