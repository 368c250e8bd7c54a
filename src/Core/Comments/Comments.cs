using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Tiktok.Core.Blocks;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Lists;
using Tiktok.Core.Users;
using Tiktok.Core.Validation;

namespace Tiktok.Core.Comments;

/// <summary>Posting, deleting and listing comments; only a comment's author deletes it.</summary>
public sealed class Comments(TiktokDbContext db, Writes writes, IOptions<TiktokOptions> options, Cards cards, ViewerFlags flags)
{
    public async Task<CommentView> AddAsync(long userId, long videoId, string content, CancellationToken ct)
    {
        var text = TextRules.Content(Field.CommentText, content, Limits.CommentMax);
        var id = await writes.RunAsync(async w =>
        {
            var authorId = await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            if (authorId != userId) await w.Db.RefuseIfBlockedAsync(userId, authorId, "comment on their videos", ct);
            var comment = new Comment { VideoId = videoId, UserId = userId, Content = text, CreatedAt = w.Now };
            w.Db.Comments.Add(comment);
            await w.Db.SaveChangesAsync(ct);
            await w.ShiftAsync<Video>(videoId, v => v.CommentCount, +1, ct);
            return comment.Id;
        }, ct);
        return await GetAsync(id, userId, ct);
    }

    public Task DeleteAsync(long userId, long videoId, long commentId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            await w.Db.RequireVideoAsync(videoId, ct);
            var comment = await w.Db.Comments.FirstOrDefaultAsync(c => c.Id == commentId && c.VideoId == videoId, ct)
                ?? throw DomainErrors.CommentNotFound(commentId);
            if (comment.UserId != userId) throw DomainErrors.NotCommentAuthor(commentId);
            await RemoveAsync(w, comment, null, ct);
        }, ct);

    /// <summary>
    /// Inside the caller's write: removes the comment, moves its video's count back and closes its open
    /// reports as removed by <paramref name="operatorId"/> (null: its author).
    /// </summary>
    internal static async Task RemoveAsync(WriteContext w, Comment comment, long? operatorId, CancellationToken ct)
    {
        var reports = await w.Db.Reports.Where(r => r.State == ReportStates.Open && r.TargetKind == ReportTargets.Comment && r.TargetId == comment.Id)
            .ToListAsync(ct);
        foreach (var report in reports) Videos.VideoDeletion.Close(report, ReportStates.Removed, operatorId, w.Now);
        w.Db.Comments.Remove(comment);
        await w.Db.SaveChangesAsync(ct);
        await w.ShiftAsync<Video>(comment.VideoId, v => v.CommentCount, -1, ct);
    }

    /// <summary>A video's comments, newest first, with their authors.</summary>
    public Task<IReadOnlyList<CommentView>> OfVideoAsync(long videoId, long? viewerId, CancellationToken ct) =>
        OfVideoAsync(videoId, viewerId, null, options.Value.ListLimit, ct);

    /// <summary>A page of a video's comments older than comment <paramref name="beforeId"/>, newest first.</summary>
    public async Task<IReadOnlyList<CommentView>> OfVideoAsync(long videoId, long? viewerId, long? beforeId, int limit, CancellationToken ct)
    {
        if (await VisibleCommentsAsync(videoId, viewerId, ct) is not { } query) return [];
        if (beforeId is { } before) query = query.Where(c => c.Id < before);
        var rows = await Project(query.OrderByDescending(c => c.Id).Take(limit)).ToListAsync(ct);
        return await WithFlagsAsync(rows, viewerId, ct);
    }

    /// <summary>
    /// The comments of the video that the viewer may see: none on a video by a user hidden from them
    /// (blocked either way), else all but those of hidden users; VIDEO_NOT_FOUND for no such video.
    /// </summary>
    private async Task<IQueryable<Comment>?> VisibleCommentsAsync(long videoId, long? viewerId, CancellationToken ct)
    {
        var authorId = await db.RequireVideoAsync(videoId, ct);
        var comments = db.Comments.AsNoTracking().Where(c => c.VideoId == videoId);
        if (viewerId is not { } viewer || !await flags.HidesAnyoneAsync(viewer, ct)) return comments;
        if ((await flags.HiddenAmongAsync(viewer, [authorId], ct)).Count > 0) return null;
        return comments.VisibleTo(db, viewer, c => c.UserId);
    }

    /// <summary>
    /// The newest <paramref name="count"/> comments of each video: ONE SQL command of one shape
    /// whatever the number of videos, then the authors from the hot-read cache and, with a viewer,
    /// one is_follow query.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<CommentView>>> NewestOfVideosAsync(
        IReadOnlyCollection<long> videoIds, int count, long? viewerId, CancellationToken ct)
    {
        var keys = videoIds.Distinct().ToArray();
        var shown = keys;
        if (keys.Length > 0 && await flags.HidesAnyoneAsync(viewerId, ct))
        {
            // Videos by users hidden from the viewer show no comments (their authors from the cache).
            var videos = await cards.VideosAsync(keys, ct);
            var hidden = await flags.HiddenAmongAsync(viewerId, videos.Values.Select(v => v.Author.Id).ToList(), ct);
            shown = keys.Where(id => !videos.TryGetValue(id, out var v) || !hidden.Contains(v.Author.Id)).ToArray();
        }
        var rows = shown.Length == 0 || count <= 0 ? [] : await NewestPerVideoAsync(shown, count, ct);
        var flagged = await WithFlagsAsync(rows, viewerId, ct);
        var byVideo = flagged.ToLookup(c => c.VideoId);
        return keys.ToDictionary(id => id,
            id => (IReadOnlyList<CommentView>)byVideo[id].OrderByDescending(c => c.Id).ToList());
    }

    /// <summary>A video's comments: filterable by content and time, sortable by time; newest first (by id) by default.</summary>
    public static ListShape<Comment, CommentField> Shape { get; } = new ListShape<Comment, CommentField>(c => c.Id, true)
        .Text(CommentField.Content, c => c.Content)
        .Number(CommentField.CreatedAt, c => c.CreatedAt);

    /// <summary>
    /// A page of a video's comments as <paramref name="query"/> asks, after the key values
    /// <paramref name="after"/>; their authors are read only when <paramref name="withAuthors"/>.
    /// </summary>
    public async Task<IReadOnlyList<Keyed<CommentView>>> PageAsync(long videoId, long? viewerId, ListQuery<CommentField> query,
        IReadOnlyList<long>? after, int limit, bool withAuthors, CancellationToken ct)
    {
        if (await VisibleCommentsAsync(videoId, viewerId, ct) is not { } comments) return [];
        var rows = await Shape.PageAsync(comments, query, after, limit,
            c => new CommentRow(c.Id, c.VideoId, c.UserId, c.Content, c.CreatedAt), ct);
        if (!withAuthors)
            return rows.Select(r => new Keyed<CommentView>(new CommentView(r.Item.Id, r.Item.VideoId,
                new UserView(r.Item.UserId, "", 0, 0, false, "", "", "", 0, 0, 0), r.Item.Content, r.Item.CreatedAt), r.Keys)).ToList();
        var views = (await WithFlagsAsync(rows.Select(r => r.Item).ToList(), viewerId, ct)).ToDictionary(c => c.Id);
        return rows.Where(r => views.ContainsKey(r.Item.Id)).Select(r => new Keyed<CommentView>(views[r.Item.Id], r.Keys)).ToList();
    }

    /// <summary>
    /// Per video, one index seek finds the id of its <paramref name="count"/>-th newest comment and
    /// a range scan of IX_comments_VideoId_Id from there reads exactly the rows wanted: what a
    /// LATERAL join does, written for SQLite too (which has none). The ids go in as one parameter
    /// (a JSON array for SQLite's json_each, a bigint[] for PostgreSQL's unnest), so the text never
    /// changes. This is the hottest read of a GraphQL feed with comments (docs/benchmarks.md).
    /// </summary>
    private async Task<List<CommentRow>> NewestPerVideoAsync(long[] videoIds, int count, CancellationToken ct)
    {
        var postgres = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
        var keys = postgres ? "unnest({0}) AS k(value)" : "json_each({0}) AS k"; // json_each's column is "value"
        var command = db.GetService<IRawSqlCommandBuilder>().Build($"""
            SELECT c."Id", c."VideoId", c."UserId", c."Content", c."CreatedAt" FROM {keys}
            JOIN comments AS c ON c."VideoId" = k.value AND c."Id" >= COALESCE(
                (SELECT n."Id" FROM comments AS n WHERE n."VideoId" = k.value ORDER BY n."Id" DESC LIMIT 1 OFFSET {"{1}"}), 0)
            """, [postgres ? videoIds : "[" + string.Join(',', videoIds) + "]", count - 1]);
        // EF Core's command path (interceptors, logging, the context's connection and transaction),
        // without its LINQ pipeline: no expression tree to compile, no shared SQL cache to lock.
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), ct);
        var rows = new List<CommentRow>(videoIds.Length * count);
        var r = reader.DbDataReader;
        while (await r.ReadAsync(ct))
            rows.Add(new CommentRow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetInt64(4)));
        return rows;
    }

    public async Task<CommentView> GetAsync(long commentId, long? viewerId, CancellationToken ct)
    {
        var rows = await Project(db.Comments.AsNoTracking().Where(c => c.Id == commentId)).ToListAsync(ct);
        if (rows.Count == 0) throw DomainErrors.CommentNotFound(commentId);
        return (await WithFlagsAsync(rows, viewerId, ct))[0];
    }

    private sealed record CommentRow(long Id, long VideoId, long UserId, string Content, long CreatedAt);

    private static IQueryable<CommentRow> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentRow(c.Id, c.VideoId, c.UserId, c.Content, c.CreatedAt));

    /// <summary>
    /// The rows with their authors (from the cache) and the viewer's is_follow on each author; rows
    /// by users hidden from the viewer (blocked either way) left out.
    /// </summary>
    private async Task<IReadOnlyList<CommentView>> WithFlagsAsync(List<CommentRow> rows, long? viewerId, CancellationToken ct)
    {
        var authorIds = rows.Select(r => r.UserId).Distinct().ToList();
        var authors = await cards.UsersAsync(authorIds, ct);
        var followed = await flags.FollowedAmongAsync(viewerId, authorIds, ct);
        var hidden = await flags.HiddenAmongAsync(viewerId, authorIds, ct);
        return rows.Where(r => authors.ContainsKey(r.UserId) && !hidden.Contains(r.UserId))
            .Select(r => new CommentView(r.Id, r.VideoId, authors[r.UserId] with { IsFollow = followed.Contains(r.UserId) }, r.Content, r.CreatedAt))
            .ToList();
    }
}
