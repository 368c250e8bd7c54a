using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Validation;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Moderation;

/// <summary>
/// Reports and what operators do with them. Any user reports a video, a comment or a user (one open
/// report per reporter and target: reporting again answers the open one). Operators
/// (<see cref="ModerationOptions.Operators"/>) list the open reports, dismiss one, or remove its
/// content: a video with the same effects as its author deleting it, a comment likewise. Users are not
/// removed: a report of a user can only be dismissed (docs/graphql.md#moderation).
/// </summary>
public sealed class Moderation(TiktokDbContext db, Writes writes, MediaPurge purge, IOptions<ModerationOptions> options)
{
    public async Task<ReportView> ReportAsync(long reporterId, string targetKind, long targetId, ReportReason reason, string? note,
        CancellationToken ct)
    {
        var text = string.IsNullOrEmpty(note) ? null : TextRules.Content(Field.ReportNote, note, Limits.ReportNoteMax);
        var id = await writes.RunAsync(async w =>
        {
            await w.Db.RequireUserAsync(reporterId, ct);
            switch (targetKind)
            {
                case ReportTargets.Video: await w.Db.RequireVideoAsync(targetId, ct); break;
                case ReportTargets.User: await w.Db.RequireUserAsync(targetId, ct); break;
                case ReportTargets.Comment:
                    if (!await w.Db.Comments.AnyAsync(c => c.Id == targetId, ct)) throw DomainErrors.CommentNotFound(targetId);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(targetKind), targetKind, "not a report target");
            }
            // Idempotent; two reports racing (PostgreSQL) meet the unique open index and the loser runs again to find this one.
            var open = await w.Db.Reports.Where(r => r.ReporterId == reporterId && r.TargetKind == targetKind && r.TargetId == targetId
                && r.State == ReportStates.Open).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (open is { } existing) return existing;
            var report = new Report
            {
                ReporterId = reporterId,
                TargetKind = targetKind,
                TargetId = targetId,
                Reason = reason.ToString().ToLowerInvariant(),
                Note = text,
                CreatedAt = w.Now,
            };
            w.Db.Reports.Add(report);
            await w.Db.SaveChangesAsync(ct);
            return report.Id;
        }, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Whether the user is an operator (by id, or by name: one query).</summary>
    public async Task<bool> IsOperatorAsync(long userId, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.OperatorIds().Contains(userId)) return true;
        var names = settings.OperatorNames().Select(TextRules.NormalizeUsername).ToList();
        if (names.Count == 0) return false;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        return name is not null && names.Contains(name, StringComparer.Ordinal);
    }

    private async Task RequireOperatorAsync(long userId, CancellationToken ct)
    {
        if (!await IsOperatorAsync(userId, ct)) throw DomainErrors.NotOperator();
    }

    /// <summary>Open reports, oldest first, after report <paramref name="afterId"/>: <paramref name="limit"/> + 1 rows at most.</summary>
    public async Task<IReadOnlyList<ReportView>> OpenAsync(long operatorId, long? afterId, int limit, CancellationToken ct)
    {
        await RequireOperatorAsync(operatorId, ct);
        var query = db.Reports.AsNoTracking().Where(r => r.State == ReportStates.Open);
        if (afterId is { } after) query = query.Where(r => r.Id > after);
        var rows = await query.OrderBy(r => r.Id).Take(Math.Min(limit, Limits.ReportPage) + 1).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    /// <summary>Closes the report as dismissed; a report already closed stays as it is.</summary>
    public async Task<ReportView> DismissAsync(long operatorId, long reportId, CancellationToken ct)
    {
        await RequireOperatorAsync(operatorId, ct);
        await writes.RunAsync(async w =>
        {
            var report = await w.Db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw DomainErrors.ReportNotFound(reportId);
            if (report.State == ReportStates.Open) VideoDeletion.Close(report, ReportStates.Dismissed, operatorId, w.Now);
        }, ct);
        return await GetAsync(reportId, ct);
    }

    /// <summary>
    /// Removes the reported video or comment (as if its author deleted it) and closes every open report
    /// of it as removed. Content already gone closes the report. A report of a user is refused: dismiss it.
    /// </summary>
    public async Task<ReportView> RemoveContentAsync(long operatorId, long reportId, CancellationToken ct)
    {
        await RequireOperatorAsync(operatorId, ct);
        var queued = await writes.RunAsync(async w =>
        {
            var report = await w.Db.Reports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw DomainErrors.ReportNotFound(reportId);
            IReadOnlyList<long> keys = [];
            switch (report.TargetKind)
            {
                case ReportTargets.Video:
                    if (await VideoDeletion.LockAsync(w, report.TargetId, ct) is { } video)
                        keys = await VideoDeletion.RemoveAsync(w, video, operatorId, ct);
                    break;
                case ReportTargets.Comment:
                    if (await w.Db.Comments.FirstOrDefaultAsync(c => c.Id == report.TargetId, ct) is { } comment)
                        await Comments.Comments.RemoveAsync(w, comment, operatorId, ct);
                    break;
                default:
                    throw DomainErrors.Invalid("reportId", "is about a user: users are not removed, only videos and comments; dismiss the report");
            }
            if (report.State == ReportStates.Open) VideoDeletion.Close(report, ReportStates.Removed, operatorId, w.Now);
            return keys;
        }, ct);
        await purge.RunAsync(queued, ct);
        return await GetAsync(reportId, ct);
    }

    private async Task<ReportView> GetAsync(long id, CancellationToken ct) =>
        View(await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainErrors.ReportNotFound(id));

    private static ReportView View(Report r) =>
        new(r.Id, r.ReporterId, r.TargetKind, r.TargetId, Enum.Parse<ReportReason>(r.Reason, ignoreCase: true), r.Note, r.State,
            r.CreatedAt, r.ResolvedAt, r.ResolvedBy);
}
