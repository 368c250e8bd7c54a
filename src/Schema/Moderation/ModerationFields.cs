using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Data;
using Tiktok.Core.Moderation;
using Tiktok.Core.Videos;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Moderation;

/// <summary>
/// Deleting one's video, reporting, and the operators' fields (open reports, dismiss, remove the
/// content); see docs/graphql.md#deleting-and-reporting.
/// </summary>
public static class ModerationFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ReportGraphType, ReportView>>>("openReports")
            .Description($"operators only (Tiktok:Moderation:Operators): open reports, oldest first, {Limits.ReportPage} at most per page")
            .Arguments(Cursors.Arguments(20))
            .ResolveAsync(async c =>
            {
                var viewer = c.RequireViewer();
                var first = Cursors.First(c, Limits.ReportPage);
                var after = Cursors.Decode('r', c.GetArgument<string?>("after"));
                var rows = await c.Service<Core.Moderation.Moderation>().OpenAsync(viewer, after?.At, first, c.CancellationToken);
                return ConnectionPage<ReportView>.FromOverfetch(rows, first, r => r, r => Cursors.Encode('r', r.Id));
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<IdGraphType>>("deleteVideo")
            .Description("only the video's author may delete it; its likes and comments go with it and every count moves back; returns its id")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "id" })
            .ResolveAsync(async c =>
            {
                var user = c.RequireViewer();
                var id = Ids.Argument(c, "id");
                await c.Service<VideoDeletion>().DeleteAsync(user, id, c.CancellationToken);
                return id;
            });

        mutation.Field<NonNullGraphType<ReportGraphType>>("report")
            .Description($"reports a video, comment or user to the operators; reporting the same target again while the report is open returns it (note: at most {Limits.ReportNoteMax} characters)")
            .Arguments(
                new QueryArgument<NonNullGraphType<ReportTargetGraphType>> { Name = "target" },
                new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "id" },
                new QueryArgument<NonNullGraphType<ReportReasonGraphType>> { Name = "reason" },
                new QueryArgument<StringGraphType> { Name = "note" })
            .ResolveAsync(async c =>
            {
                var user = c.RequireViewer();
                var target = c.GetArgument<ReportTargetKind>("target") switch
                {
                    ReportTargetKind.Video => ReportTargets.Video,
                    ReportTargetKind.Comment => ReportTargets.Comment,
                    _ => ReportTargets.User,
                };
                return await c.Service<Core.Moderation.Moderation>().ReportAsync(user, target, Ids.Argument(c, "id"),
                    c.GetArgument<ReportReason>("reason"), c.GetArgument<string?>("note"), c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<ReportGraphType>>("dismissReport")
            .Description("operators only: closes the report, leaving its content as it is")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "reportId" })
            .ResolveAsync(async c => await c.Service<Core.Moderation.Moderation>().DismissAsync(c.RequireViewer(), Ids.Argument(c, "reportId"),
                c.CancellationToken));

        mutation.Field<NonNullGraphType<ReportGraphType>>("removeReportedContent")
            .Description("operators only: removes the reported video or comment (as if its author deleted it) and closes its open reports; a report of a user can only be dismissed")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "reportId" })
            .ResolveAsync(async c => await c.Service<Core.Moderation.Moderation>().RemoveContentAsync(c.RequireViewer(), Ids.Argument(c, "reportId"),
                c.CancellationToken));
    }

    internal static ReportTargetKind Target(string kind) => kind switch
    {
        ReportTargets.Video => ReportTargetKind.Video,
        ReportTargets.Comment => ReportTargetKind.Comment,
        _ => ReportTargetKind.User,
    };
}
