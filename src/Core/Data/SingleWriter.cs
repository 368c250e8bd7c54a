namespace Tiktok.Core.Data;

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
