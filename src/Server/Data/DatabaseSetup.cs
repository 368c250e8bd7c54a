using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Tiktok.Core;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Server.Data;

/// <summary>
/// The database, chosen by configuration: SQLite in the data directory (the embedded default: WAL,
/// fully synced commits, one writer at a time) or PostgreSQL (<c>Tiktok:Database:Provider</c> =
/// <c>PostgreSQL</c> with <c>Tiktok:Database:ConnectionString</c>), each with its own migrations.
/// </summary>
public static class DatabaseSetup
{
    public const string PostgresMigrations = "Tiktok.Migrations.PostgreSQL";

    public static string SqliteConnectionString(TiktokOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(options.DataDir, "tiktok.db"),
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    public static bool IsPostgres(TiktokOptions options) =>
        string.Equals(options.Database.Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <param name="options">the validated <c>Tiktok</c> settings (TiktokOptionsValidation checked the provider and connection string).</param>
    public static IServiceCollection AddTiktokDatabase(this IServiceCollection services, TiktokOptions options)
    {
        Directory.CreateDirectory(options.DataDir);
        if (IsPostgres(options))
        {
            var connectionString = options.Database.ConnectionString;
            services.AddSingleton<IWriteGate, PostgresWriters>();
            services.AddDbContextPool<TiktokDbContext>((sp, db) => db
                .UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations))
                .AddInterceptors(sp.GetServices<IInterceptor>()));
            return services;
        }

        // SQLITE_BUSY / SQLITE_LOCKED still there after the busy timeout: answered as Unavailable, not Internal.
        services.AddSingleton<ITransientFailureCheck, SqliteBusy>();
        var sqlite = SqliteConnectionString(options);
        services.AddSingleton<IWriteGate, SingleWriter>();
        services.AddSingleton<SqlitePragmas>();
        // Interceptors registered in the application's container (command counting in tests,
        // tracing later) join the provider's own.
        services.AddDbContextPool<TiktokDbContext>((sp, db) => db
            .UseSqlite(sqlite)
            .AddInterceptors([sp.GetRequiredService<SqlitePragmas>(), .. sp.GetServices<IInterceptor>()]));
        return services;
    }


    /// <summary>An arbitrary, fixed advisory-lock key: "migrating the Tiktok schema".</summary>
    private const long MigrationLock = 0x54696B746F6B;

    /// <summary>
    /// Applies pending migrations. On PostgreSQL, instances starting at once take turns under a
    /// session advisory lock, so each sees the schema the previous one left (EF Core's own
    /// history lock did not stop two instances applying the same second migration).
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiktokDbContext>();
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", ct);
                try
                {
                    await db.Database.MigrateAsync(ct);
                }
                finally
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        await db.Database.MigrateAsync(ct);
        // SQLite's journal mode is persistent, so it is set here once.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}

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
