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
        // One writer: the actions that arrive together share one durable commit.
        services.AddSingleton<GroupCommit>();
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
