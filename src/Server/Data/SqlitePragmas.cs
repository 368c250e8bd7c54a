using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tiktok.Server.Data;

/// <summary>
/// Per-connection settings: commits are synced (an acknowledged write survives a crash or power
/// loss) and a busy database is waited for rather than refused. Applied once per physical
/// connection, not on every open from the pool. One per host (a singleton of its container), so two
/// hosts in one process keep their own record.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;";
    private readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsSettings(connection, out var handle)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!NeedsSettings(connection, out var handle)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
        Configured.AddOrUpdate(handle, handle);
    }

    private bool NeedsSettings(DbConnection connection, out object handle)
    {
        // The native handle is the physical connection that the pool hands out again and again.
        handle = (connection as SqliteConnection)?.Handle ?? (object)connection;
        return !Configured.TryGetValue(handle, out _);
    }
}
