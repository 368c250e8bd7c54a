using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Server.Media;

/// <summary>
/// Claims a media job with one statement: the oldest pending job, or running job whose lease expired,
/// becomes running under the caller's owner token with a new lease and one more attempt. On PostgreSQL
/// the candidate row is locked with <c>FOR UPDATE SKIP LOCKED</c>, so instances claiming at once each
/// get a different job and never wait on each other; on SQLite the statement runs inside the single
/// writer's turn, where nothing else writes. A renewal moves the lease on only while the owner token
/// still matches.
/// </summary>
public sealed class SqlMediaJobClaims(TiktokDbContext db, IWriteGate gate) : IMediaJobClaims
{
    public async Task<ClaimedJob?> ClaimAsync(long? jobId, string owner, long now, long leaseUntil, CancellationToken ct)
    {
        var skipLocked = db.Database.IsNpgsql() ? " FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE media_jobs
               SET "State" = '{{MediaJobStates.Running}}', "LeaseOwner" = {0}, "LeaseUntil" = {1}, "Attempts" = "Attempts" + 1
             WHERE "Id" = (SELECT "Id" FROM media_jobs
                            WHERE "State" IN ('{{MediaJobStates.Pending}}', '{{MediaJobStates.Running}}') AND "LeaseUntil" <= {2}
                              AND ({3} = 0 OR "Id" = {3})
                            ORDER BY "Id" LIMIT 1{{skipLocked}})
            RETURNING "Id", "VideoId", "Kind", "Attempts"
            """;
        using (await gate.EnterAsync(ct))
        {
            var claimed = await db.Database.SqlQueryRaw<ClaimedJob>(sql, owner, leaseUntil, now, jobId ?? 0L).ToListAsync(ct);
            return claimed.FirstOrDefault();
        }
    }

    public async Task<bool> RenewAsync(long jobId, string owner, long leaseUntil, CancellationToken ct)
    {
        using (await gate.EnterAsync(ct))
        {
            var renewed = await db.MediaJobs
                .Where(j => j.Id == jobId && j.State == MediaJobStates.Running && j.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, leaseUntil), ct);
            return renewed == 1;
        }
    }
}
