using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tiktok.Core;
using Tiktok.Server.Data;
using Tiktok.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tiktok.Tests.Infrastructure;

/// <summary>
/// The databases the integration tests run on: SQLite always, PostgreSQL when
/// <c>TIKTOK_TEST_POSTGRES</c> names a server (an admin connection string), and always under
/// <c>CI=true</c>, where a missing server fails the tests instead of skipping them.
/// </summary>
/// <remarks>
/// Every test whose result passes through the database (rows written and read back, its health,
/// its SQL) runs on both. Two ways, one copy of each test body:
/// a theory over <see cref="All"/> when each test starts its own host, or, when the tests of a
/// class share a host or make it in the constructor, an abstract class with a nested
/// <c>Sqlite</c> and a <c>[RequiresServer(TestDatabases.PostgresVariable)]</c> <c>Postgres</c>
/// subclass and its tests marked <see cref="DatabaseFactAttribute"/>. Tests about something else
/// (media stores, configuration, rate limits, the signing-key file) and SQLite's own file-level
/// settings run on the embedded default only.
/// </remarks>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "TIKTOK_TEST_POSTGRES";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable);
    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    public static IReadOnlyList<string> Names
    {
        get
        {
            if (PostgresAdmin is not null || InCi) return [Sqlite, Postgres];
            SkipReport.NotRun($"the PostgreSQL row of a database theory (SQLite only): {PostgresVariable} is not set");
            return [Sqlite];
        }
    }

    public static TheoryData<string> All => new(Names);

    /// <summary>Settings for a fresh database of the given kind, with the current schema or none yet.</summary>
    public static Dictionary<string, string?> Create(string database)
    {
        if (database == Sqlite) return [];
        var name = CreateDatabase(template: MigratedTemplate.Value);
        return new()
        {
            ["Tiktok:Database:Provider"] = "PostgreSQL",
            ["Tiktok:Database:ConnectionString"] = ConnectionString(name),
        };
    }

    public static void Drop(Dictionary<string, string?> settings)
    {
        if (!settings.TryGetValue("Tiktok:Database:ConnectionString", out var cs) || cs is null || PostgresAdmin is null) return;
        DropDatabase(new NpgsqlConnectionStringBuilder(cs).Database!);
    }

    /// <summary>
    /// A database migrated once per test run, by the app's own <see cref="DatabaseSetup.MigrateAsync"/>,
    /// that every PostgreSQL test database is copied from: a copy costs a fraction of migrating
    /// each one again. The hosts still run their migrations at start, and find none pending.
    /// </summary>
    /// <remarks>
    /// The run keeps a connection open under the template's name for as long as it lives; the test
    /// host may be ended without running exit handlers, so each run first drops the templates
    /// nobody is connected for any more (runs that are over).
    /// </remarks>
    private static readonly Lazy<string> MigratedTemplate = new(() =>
    {
        DropAbandonedTemplates();
        var name = TemplatePrefix + Guid.NewGuid().ToString("N")[..16];
        _templateOwner = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminOrFail()) { ApplicationName = name, Pooling = false }.ConnectionString);
        _templateOwner.Open();
        CreateDatabase(name, template: null);
        var dataDir = Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        var options = new TiktokOptions { DataDir = dataDir, Database = { Provider = "PostgreSQL", ConnectionString = ConnectionString(name) } };
        using (var services = new ServiceCollection().AddLogging().AddTiktokDatabase(options).BuildServiceProvider())
            Task.Run(() => DatabaseSetup.MigrateAsync(services, CancellationToken.None)).GetAwaiter().GetResult();
        Directory.Delete(dataDir, recursive: true);
        NpgsqlConnection.ClearAllPools(); // a database is copied only while nobody is connected to it
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { DropDatabase(name); } catch (NpgsqlException) { } // or the next run drops it
        };
        return name;
    });

    private const string TemplatePrefix = "tiktok_t_template_";

    /// <summary>Open for the whole run, named after the template: says the template is in use.</summary>
    private static NpgsqlConnection? _templateOwner;

    private static void DropAbandonedTemplates()
    {
        var abandoned = new List<string>();
        using (var connection = new NpgsqlConnection(AdminOrFail()))
        {
            connection.Open();
            using var list = new NpgsqlCommand("""
                SELECT datname FROM pg_database
                WHERE starts_with(datname, @prefix)
                  AND datname NOT IN (SELECT application_name FROM pg_stat_activity WHERE application_name IS NOT NULL)
                """, connection);
            list.Parameters.AddWithValue("prefix", TemplatePrefix);
            using var reader = list.ExecuteReader();
            while (reader.Read()) abandoned.Add(reader.GetString(0));
        }
        foreach (var template in abandoned)
        {
            try { DropDatabase(template, force: false); }
            catch (PostgresException) { } // in use after all, or dropped by another run meanwhile
        }
    }

    private static string AdminOrFail() => PostgresAdmin ?? throw new InvalidOperationException(
        $"{PostgresVariable} is not set: CI must start PostgreSQL and name it (e.g. Host=127.0.0.1;Username=tiktok;Password=tiktok;Database=postgres)");

    private static string CreateDatabase(string? template) =>
        CreateDatabase("tiktok_t_" + Guid.NewGuid().ToString("N")[..16], template);

    private static string CreateDatabase(string name, string? template)
    {
        using var connection = new NpgsqlConnection(AdminOrFail());
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), connection);
        create.ExecuteNonQuery();
        return name;
    }

    // Test classes run in parallel, each on its own database: keep every pool small so that
    // together they stay under the server's max_connections (100 by default).
    private static string ConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 10 }.ConnectionString;

    private static void DropDatabase(string name, bool force = true)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresAdmin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"" + (force ? " WITH (FORCE)" : ""), connection);
        drop.ExecuteNonQuery();
    }
}

/// <summary>A fact that needs a server named by an environment variable: skipped with a reason on a laptop, failed under CI.</summary>
public sealed class RequiresServerFactAttribute : FactAttribute
{
    public RequiresServerFactAttribute(string variable) => Skip = TestServers.SkipReason(variable);
}

public static class TestServers
{
    /// <summary>Why tests needing the server named by <paramref name="variable"/> are skipped, or null when they run (server named, or under CI).</summary>
    public static string? SkipReason(string variable) =>
        Environment.GetEnvironmentVariable(variable) is null && !TestDatabases.InCi
            ? $"{variable} is not set: the tests that need this server did not run"
            : null;
}

/// <summary>
/// Marks a test class whose tests all need a server named by an environment variable, such as the
/// PostgreSQL variant of a class that runs once per database: its <see cref="DatabaseFactAttribute"/>
/// tests follow the rule of <see cref="RequiresServerFactAttribute"/> (skipped on a laptop, failed under CI).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresServerAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;

    /// <summary>Why the tests of <paramref name="method"/>'s class cannot run here, or null when they can.</summary>
    public static string? SkipReasonFor(ITestMethod method) =>
        method.TestClass.Class.GetCustomAttributes(typeof(RequiresServerAttribute).AssemblyQualifiedName).FirstOrDefault()
            ?.GetConstructorArguments().Single() is string variable ? TestServers.SkipReason(variable) : null;
}

/// <summary>
/// A fact of a class that runs once per database (see <see cref="TestDatabases"/>): skipped or run
/// as its concrete class's <see cref="RequiresServerAttribute"/> says.
/// </summary>
[XunitTestCaseDiscoverer("Tiktok.Tests.Infrastructure.DatabaseFactDiscoverer", "Tiktok.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact)
    {
        var reason = RequiresServerAttribute.SkipReasonFor(method);
        return reason is null
            ? base.Discover(options, method, fact)
            : [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)];
    }
}

public sealed class TestServersTests
{
    [RequiresServerFact(TestDatabases.PostgresVariable)]
    public void PostgreSQL_is_reachable_for_the_PostgreSQL_variants()
    {
        Assert.False(TestDatabases.PostgresAdmin is null, $"CI=true but {TestDatabases.PostgresVariable} is not set: .ci/run must start PostgreSQL");
        using var connection = new NpgsqlConnection(TestDatabases.PostgresAdmin);
        connection.Open();
    }

    [Fact]
    public void Every_test_of_a_class_that_needs_a_server_follows_its_skip_rule()
    {
        // A plain [Fact] inherited by a PostgreSQL variant would fail on a laptop instead of being skipped.
        var strays = typeof(TestServersTests).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(RequiresServerAttribute), inherit: false))
            .SelectMany(t => t.GetMethods()
                .Where(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Any(a => a is not (DatabaseFactAttribute or DatabaseTheoryAttribute)))
                .Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();
        Assert.True(strays.Count == 0, "mark these [DatabaseFact] or [DatabaseTheory]: " + string.Join(", ", strays));
    }
}
