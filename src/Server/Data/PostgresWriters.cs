using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Data;

namespace Tiktok.Server.Data;

/// <summary>
/// PostgreSQL: writers run concurrently under row locks (conflicts are retried by <see cref="Writes"/>);
/// a sequenced topic is a transaction-scoped advisory lock, released by the commit.
/// </summary>
public sealed class PostgresWriters : IWriteGate
{
    private sealed class Nothing : IDisposable { public void Dispose() { } }
    private static readonly Nothing None = new();

    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable>(None);

    public async Task SequenceAsync(TiktokDbContext db, string topic, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({topic}))", cancellationToken);
}
