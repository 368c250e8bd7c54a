using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tiktok.Core;
using Tiktok.Core.Data;

namespace Tiktok.Server.Data;

/// <summary>The embedded database: one SQLite file in the data directory, WAL, fully synced commits.</summary>
public static class DatabaseSetup
{
    public static string SqliteConnectionString(TiktokOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(options.DataDir, "tiktok.db"),
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    public static IServiceCollection AddTiktokDatabase(this IServiceCollection services, TiktokOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        var connectionString = SqliteConnectionString(options);
        services.AddSingleton<IWriteGate, SingleWriter>();
        // Interceptors registered in the application's container (command counting in tests,
        // tracing later) join the provider's own.
        services.AddDbContextPool<TiktokDbContext>((sp, db) => db
            .UseSqlite(connectionString)
            .AddInterceptors([SqlitePragmas.Instance, .. sp.GetServices<IInterceptor>()]));
        return services;
    }

    /// <summary>Applies pending migrations; the journal mode is persistent, so it is set here once.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiktokDbContext>();
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

/// <summary>
/// Per-connection settings: commits are synced (an acknowledged write survives a crash or power
/// loss) and a busy database is waited for rather than refused. Applied once per physical
/// connection, not on every open from the pool.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;";
    private static readonly ConditionalWeakTable<object, object> Configured = new();

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

    private static bool NeedsSettings(DbConnection connection, out object handle)
    {
        // The native handle is the physical connection that the pool hands out again and again.
        handle = (connection as SqliteConnection)?.Handle ?? (object)connection;
        return !Configured.TryGetValue(handle, out _);
    }
}
