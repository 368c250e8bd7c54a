namespace Tiktok.Core.Videos.Processing;

/// <summary>
/// Claiming, the one step that differs by database: PostgreSQL skips rows other instances are claiming
/// (<c>FOR UPDATE SKIP LOCKED</c>), SQLite claims inside the single writer's turn. A claim moves a
/// pending job, or a running one whose lease expired, to running under <paramref name="owner"/>.
/// </summary>
public interface IMediaJobClaims
{
    /// <param name="jobId">only this job, or null for the oldest claimable one.</param>
    /// <param name="now">Unix ms: jobs whose <c>LeaseUntil</c> is not after it are claimable.</param>
    /// <param name="leaseUntil">Unix ms the claim holds until.</param>
    Task<ClaimedJob?> ClaimAsync(long? jobId, string owner, long now, long leaseUntil, CancellationToken ct);

    /// <summary>
    /// Moves a running job's lease on to <paramref name="leaseUntil"/> while <paramref name="owner"/> still
    /// holds it; false when the job is no longer running under that owner (taken over, or finished).
    /// </summary>
    Task<bool> RenewAsync(long jobId, string owner, long leaseUntil, CancellationToken ct);
}
