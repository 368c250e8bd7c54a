using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Data.Effects;

namespace Tiktok.Core.Data;

/// <summary>
/// Group commit for a single-writer database (SQLite): actions that arrive together commit
/// together. One writer takes what is queued (up to <see cref="MaxBatch"/>), runs each action in
/// its own savepoint inside one transaction (a refusal or failure rolls back that action alone),
/// commits once (one fsync for the batch), then, in order, dispatches each committed action's
/// effects and answers it. Nothing is answered before its batch is durable; a failed commit fails
/// every action of the batch.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>The most actions one transaction carries.</summary>
    public const int MaxBatch = 512;

    // Each action's savepoint, as plain statements on the writer's reused commands.
    private const string CreateSavepoint = "SAVEPOINT action";
    private const string UndoSavepoint = "ROLLBACK TO SAVEPOINT action";
    private const string ReleaseSavepoint = "RELEASE SAVEPOINT action";

    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(8 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IServiceScopeFactory _scopes;
    private readonly IWriteGate _gate;
    private readonly TimeProvider _clock;
    private readonly PostCommitDispatcher _dispatcher;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Task _writer;

    public GroupCommit(IServiceScopeFactory scopes, IWriteGate gate, TimeProvider clock, PostCommitDispatcher dispatcher, ILogger<GroupCommit> logger)
    {
        _scopes = scopes;
        _gate = gate;
        _clock = clock;
        _dispatcher = dispatcher;
        _logger = logger;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Queues the action and completes once its batch committed (or with its own refusal).</summary>
    public async Task<T> RunAsync<T>(Func<WriteContext, Task<T>> work, CancellationToken ct)
    {
        var pending = new PendingWrite<T>(work, ct);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Completion;
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            // The batch is what has queued by the time the writer's turn comes (other users of the
            // gate, such as media-job claims, take turns between batches).
            using (await _gate.EnterAsync(CancellationToken.None))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    await CommitBatchAsync(batch);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "A batch of {Count} writes failed", batch.Count);
                    foreach (var pending in batch) pending.Fail(ex);
                }
            }
            batch.Clear();
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        var effects = new CommitEffects?[batch.Count];
        var errors = new Exception?[batch.Count];
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TiktokDbContext>();
            db.Database.AutoSavepointsEnabled = false;
            using var commands = new WriteCommands(db);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    var pending = batch[i];
                    if (pending.Token.IsCancellationRequested)
                    {
                        errors[i] = new OperationCanceledException(pending.Token);
                        continue;
                    }
                    await commands.For(CreateSavepoint).ExecuteNonQueryAsync(CancellationToken.None);
                    var context = new WriteContext(db, _gate, _clock.GetUtcNow().ToUnixTimeMilliseconds(), commands);
                    context.Attach();
                    // The action's statements trace under the request that queued it.
                    Activity.Current = pending.Parent;
                    try
                    {
                        await pending.RunAsync(context);
                        effects[i] = context.Effects;
                    }
                    catch (Exception ex)
                    {
                        // This action alone is undone; the others of the batch stand.
                        errors[i] = ex;
                        await commands.For(UndoSavepoint).ExecuteNonQueryAsync(CancellationToken.None);
                    }
                    finally
                    {
                        Activity.Current = null;
                        context.Detach();
                        db.ChangeTracker.Clear();
                    }
                    await commands.For(ReleaseSavepoint).ExecuteNonQueryAsync(CancellationToken.None);
                }
                await transaction.CommitAsync(CancellationToken.None);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            // Durable. Still holding the writer's turn, so effects go out in commit order.
            for (var i = 0; i < batch.Count; i++)
            {
                if (effects[i] is { } committed) await _dispatcher.DispatchAsync(committed);
                if (errors[i] is { } error) batch[i].Fail(error);
                else batch[i].Succeed();
            }
        }
    }

    /// <summary>Stops taking actions and finishes the ones queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private abstract class PendingWrite(CancellationToken token)
    {
        public CancellationToken Token { get; } = token;
        public Activity? Parent { get; } = Activity.Current;
        public abstract Task RunAsync(WriteContext context);
        public abstract void Succeed();
        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<WriteContext, Task<T>> work, CancellationToken token) : PendingWrite(token)
    {
        // Answers run on their own threads, never inside the writer's loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Completion => _done.Task;

        public override async Task RunAsync(WriteContext context) => _result = await Writes.RunOneAsync(context, work, Token);

        public override void Succeed() => _done.TrySetResult(_result!);

        public override void Fail(Exception error)
        {
            if (error is OperationCanceledException && Token.IsCancellationRequested) _done.TrySetCanceled(Token);
            else _done.TrySetException(error);
        }
    }
}
