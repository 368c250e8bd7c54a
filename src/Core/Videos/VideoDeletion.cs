using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>
/// Deleting a video: its likes, comments, cover job and open reports go in the same transaction,
/// and every count they moved moves back (its author's works and likes received, each liker's
/// liked count). The rows go through the change tracker, so <c>EffectRules</c> drop the cards, the
/// feed page and the viewers' flags and announce <c>VideoDeleted</c> after the commit; its store
/// objects are removed after the commit (<see cref="MediaPurge"/>). Only the author deletes it here;
/// operators remove it through <c>Moderation</c>, with the same effects.
/// </summary>
public sealed class VideoDeletion(Writes writes, MediaPurge purge)
{
    public async Task DeleteAsync(long callerId, long videoId, CancellationToken ct)
    {
        var queued = await writes.RunAsync(async w =>
        {
            var video = await LockAsync(w, videoId, ct) ?? throw DomainErrors.VideoNotFound(videoId);
            if (video.AuthorId != callerId) throw DomainErrors.NotVideoAuthor(videoId);
            return await RemoveAsync(w, video, null, ct);
        }, ct);
        await purge.RunAsync(queued, ct);
    }

    /// <summary>
    /// The video, tracked, with its row locked for the rest of the transaction (PostgreSQL: <c>FOR
    /// UPDATE</c>, which a like or comment inserted meanwhile waits for through its foreign key, and then
    /// fails and runs again to find the video gone; SQLite has one writer); null when there is none.
    /// </summary>
    internal static async Task<Video?> LockAsync(WriteContext w, long videoId, CancellationToken ct)
    {
        if (w.Db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            await w.Db.Database.ExecuteSqlAsync($"""SELECT 1 FROM videos WHERE "Id" = {videoId} FOR UPDATE""", ct);
        return await w.Db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, ct);
    }

    /// <summary>
    /// Inside the caller's write, after <see cref="LockAsync"/>: removes the video and what hangs on it,
    /// moves the counts back, closes its open reports (and those of its comments) as removed by
    /// <paramref name="operatorId"/> (null: its author), and queues its store objects. Returns the queued
    /// <see cref="MediaDeletion"/> ids for <see cref="MediaPurge.RunAsync"/> after the commit.
    /// </summary>
    internal static async Task<IReadOnlyList<long>> RemoveAsync(WriteContext w, Video video, long? operatorId, CancellationToken ct)
    {
        var id = video.Id;
        var likes = await w.Db.Likes.Where(l => l.VideoId == id).ToListAsync(ct);
        var comments = await w.Db.Comments.Where(c => c.VideoId == id).ToListAsync(ct);
        var jobs = await w.Db.MediaJobs.Where(j => j.VideoId == id).ToListAsync(ct);
        var reports = await w.Db.Reports.Where(r => r.State == ReportStates.Open &&
                ((r.TargetKind == ReportTargets.Video && r.TargetId == id) ||
                 (r.TargetKind == ReportTargets.Comment && w.Db.Comments.Any(c => c.Id == r.TargetId && c.VideoId == id))))
            .ToListAsync(ct);

        // Each liker's liked count, in one statement over the like rows (still there), which must be the rows read.
        var likers = likes.Select(l => l.UserId).ToList();
        await w.ShiftEachAsync<User>(u => w.Db.Likes.Any(l => l.VideoId == id && l.UserId == u.Id), likers, u => u.LikeCount, -1, ct);

        foreach (var report in reports) Close(report, ReportStates.Removed, operatorId, w.Now);
        w.Db.Likes.RemoveRange(likes);
        w.Db.Comments.RemoveRange(comments);
        w.Db.MediaJobs.RemoveRange(jobs);
        w.Db.Videos.Remove(video);
        var queued = MediaPurge.Enqueue(w, MediaPurge.KeysOf(video));
        await w.Db.SaveChangesAsync(ct);

        await w.ShiftAsync<User>(video.AuthorId, u => u.WorkCount, -1, ct);
        if (likes.Count > 0) await w.ShiftAsync<User>(video.AuthorId, u => u.LikesReceived, -likes.Count, ct);
        return queued.Select(d => d.Id).ToList();
    }

    internal static void Close(Report report, string state, long? by, long now)
    {
        report.State = state;
        report.ResolvedAt = now;
        report.ResolvedBy = by;
    }
}
