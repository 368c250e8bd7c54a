using Microsoft.Extensions.Logging;
using Tiktok.Core.Caching;
using Tiktok.Core.Events;

namespace Tiktok.Core.Data;

/// <summary>
/// Runs one user action as one transaction; after the commit and before the answer it drops the
/// cache entries of the rows it changed, then publishes its events in commit order, never before
/// the commit: a push never announces something a reader cannot yet see, and the writer never reads
/// its own write undone.
/// </summary>
public sealed class Writes(
    TiktokDbContext db,
    IWriteGate gate,
    TimeProvider clock,
    IHotCache cache,
    IEnumerable<IDomainEventHandler> handlers,
    ILogger<Writes> logger)
{
    private const int Attempts = 5;

    public async Task<T> RunAsync<T>(Func<WriteContext, Task<T>> work, CancellationToken cancellationToken)
    {
        using (await gate.EnterAsync(cancellationToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                var context = new WriteContext(db, gate, clock.GetUtcNow().ToUnixTimeMilliseconds());
                T result;
                try
                {
                    result = await CommitAsync(context, work, cancellationToken);
                }
                catch (Exception ex) when (attempt < Attempts && IsConflict(ex))
                {
                    // Concurrent writers (PostgreSQL) raced for one row or one unique value: run the
                    // whole action again; it now sees the winner's committed row (a repeated like
                    // becomes a no-op, a taken name a refusal).
                    await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
                    continue;
                }

                if (context.Changed.Count > 0)
                {
                    try
                    {
                        await cache.InvalidateAsync(context.Changed, CancellationToken.None);
                    }
                    catch (Exception ex)
                    {
                        // IHotCache.InvalidateAsync must not throw; if one does, the commit still stands.
                        logger.LogError(ex, "Cache invalidation failed after a commit");
                    }
                }

                // Still holding the writer's turn: with a single writer, handlers see events in commit
                // order (two likes on one video announce 1 then 2, never 2 then 1). Handlers must be
                // quick and must not write.
                foreach (var domainEvent in context.Events)
                {
                    foreach (var handler in handlers)
                    {
                        try
                        {
                            await handler.HandleAsync(domainEvent, CancellationToken.None);
                        }
                        catch (Exception ex)
                        {
                            // The write is committed; a failed push or invalidation must not fail the request.
                            logger.LogError(ex, "Handler {Handler} failed on {Event}", handler.GetType().Name, domainEvent);
                        }
                    }
                }
                return result;
            }
        }
    }

    private async Task<T> CommitAsync<T>(WriteContext context, Func<WriteContext, Task<T>> work, CancellationToken cancellationToken)
    {
        // The whole action is one transaction: no savepoint around each SaveChanges inside it.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var result = await work(context);
            await db.SaveChangesAsync(cancellationToken);
            // Once we commit, the caller's cancellation must not turn an acknowledged write into an error.
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A unique violation, serialization failure or deadlock (SQLSTATE 23505, 40001, 40P01).</summary>
    public static bool IsConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException { SqlState: "23505" or "40001" or "40P01" }) return true;
        return false;
    }

    public Task RunAsync(Func<WriteContext, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async c => { await work(c); return true; }, cancellationToken);
}
