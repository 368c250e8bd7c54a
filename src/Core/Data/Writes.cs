using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Caching;
using Tiktok.Core.Events;

namespace Tiktok.Core.Data;

/// <summary>
/// How writers take turns. SQLite has a single writer: <see cref="SingleWriter"/> queues writers in
/// memory instead of letting them spin on SQLITE_BUSY. A server database (PostgreSQL) lets writers
/// run at once with row locks, and orders only what must be ordered through <see cref="SequenceAsync"/>.
/// </summary>
public interface IWriteGate
{
    ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inside a transaction: waits until no other transaction holds <paramref name="topic"/>, and keeps
    /// it until commit, so times taken under it commit in the order they were taken.
    /// </summary>
    Task SequenceAsync(TiktokDbContext db, string topic, CancellationToken cancellationToken);
}

public sealed class SingleWriter : IWriteGate, IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    /// <summary>Nothing to do: there is only ever one writer.</summary>
    public Task SequenceAsync(TiktokDbContext db, string topic, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }
}

/// <summary>What a unit of work sees: the context, the clock and a place to raise events.</summary>
public sealed class WriteContext(TiktokDbContext db, IWriteGate gate, long now)
{
    internal readonly List<IDomainEvent> Events = [];
    internal readonly HashSet<CardKey> Changed = [];
    public TiktokDbContext Db { get; } = db;
    /// <summary>Wall-clock Unix ms at the start of the transaction.</summary>
    public long Now { get; } = now;
    public void Raise(IDomainEvent domainEvent) => Events.Add(domainEvent);

    /// <summary>This transaction changes the user's row (a count, the profile): its cache entry is dropped after the commit.</summary>
    public void UserChanged(long userId) => Changed.Add(CardKey.User(userId));

    /// <summary>This transaction changes the video's row: its cache entry is dropped after the commit.</summary>
    public void VideoChanged(long videoId) => Changed.Add(CardKey.Video(videoId));

    /// <summary>Orders this transaction after every other one that sequenced on <paramref name="topic"/>.</summary>
    public Task SequenceAsync(string topic, CancellationToken ct) => gate.SequenceAsync(Db, topic, ct);
}

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

public static class WriteContextExtensions
{
    /// <summary>
    /// A publish or send time that is unique and increasing in commit order: max(now, last + 1).
    /// Runs inside the write transaction, behind the writer gate.
    /// </summary>
    public static async Task<long> NextVideoTimeAsync(this WriteContext w, CancellationToken ct)
    {
        var last = await w.Db.Videos.MaxAsync(v => (long?)v.CreatedAt, ct) ?? 0;
        return Math.Max(w.Now, last + 1);
    }

    /// <summary>A video's counts as this transaction leaves them, announced when <paramref name="changed"/>.</summary>
    public static async Task<VideoCountsChanged> VideoCountsAsync(this WriteContext w, long videoId, bool changed, CancellationToken ct)
    {
        var counts = await w.Db.Videos.AsNoTracking().Where(v => v.Id == videoId)
            .Select(v => new VideoCountsChanged(v.Id, v.LikeCount, v.CommentCount)).FirstAsync(ct);
        if (changed) w.Raise(counts);
        return counts;
    }

    public static async Task<long> NextMessageTimeAsync(this WriteContext w, CancellationToken ct)
    {
        var last = await w.Db.Messages.MaxAsync(m => (long?)m.CreatedAt, ct) ?? 0;
        return Math.Max(w.Now, last + 1);
    }
}
