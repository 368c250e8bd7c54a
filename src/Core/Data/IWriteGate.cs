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
