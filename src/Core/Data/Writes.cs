using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data.Effects;

namespace Tiktok.Core.Data;

/// <summary>
/// Runs one user action as one transaction. What the action touched decides, through
/// <see cref="EffectRules"/>, which cache entries drop and which events go out; the
/// <see cref="PostCommitDispatcher"/> applies them after the commit and before the answer, never
/// before the commit and never after a rollback: a push never announces something a reader cannot
/// yet see, and the writer never reads its own write undone. On SQLite the action joins the
/// <see cref="GroupCommit"/> batch (one durable commit for the actions that arrived together).
/// </summary>
public sealed class Writes(
    TiktokDbContext db,
    IWriteGate gate,
    TimeProvider clock,
    PostCommitDispatcher dispatcher,
    GroupCommit? batches = null)
{
    private const int Attempts = 5;

    public async Task<T> RunAsync<T>(Func<WriteContext, Task<T>> work, CancellationToken cancellationToken)
    {
        if (batches is not null) return await batches.RunAsync(work, cancellationToken);
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

                // Still holding the writer's turn: with a single writer, handlers see events in commit
                // order (two likes on one video announce 1 then 2, never 2 then 1).
                await dispatcher.DispatchAsync(context.Effects);
                return result;
            }
        }
    }

    private async Task<T> CommitAsync<T>(WriteContext context, Func<WriteContext, Task<T>> work, CancellationToken cancellationToken)
    {
        // The whole action is one transaction: no savepoint around each SaveChanges inside it.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        context.Attach();
        try
        {
            var result = await RunOneAsync(context, work, cancellationToken);
            // Once we commit, the caller's cancellation must not turn an acknowledged write into an error.
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            context.Detach();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The action's work, its last save, the rows derived from it (notifications), and its effects
    /// derived from everything it touched (inside its transaction).
    /// </summary>
    internal static async Task<T> RunOneAsync<T>(WriteContext context, Func<WriteContext, Task<T>> work, CancellationToken ct)
    {
        var result = await work(context);
        await context.Db.SaveChangesAsync(ct);
        // Rows derived from what the action wrote, in its transaction (likes, follows, comments → notifications).
        await Notifications.NotificationWrites.DeriveAsync(context, ct);
        await EffectRules.ApplyAsync(context, ct);
        return result;
    }

    /// <summary>
    /// A unique violation, serialization failure or deadlock (SQLSTATE 23505, 40001, 40P01), or a
    /// tracked delete or update that found its row already gone (another writer got there first).
    /// </summary>
    public static bool IsConflict(Exception ex)
    {
        if (ex is DbUpdateConcurrencyException) return true;
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException { SqlState: "23505" or "40001" or "40P01" }) return true;
        return false;
    }

    public Task RunAsync(Func<WriteContext, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async c => { await work(c); return true; }, cancellationToken);
}
