using Npgsql;
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

    public static IReadOnlyList<string> Names => PostgresAdmin is not null || InCi ? [Sqlite, Postgres] : [Sqlite];

    public static TheoryData<string> All => new(Names);

    /// <summary>Settings for a fresh, empty database of the given kind.</summary>
    public static Dictionary<string, string?> Create(string database)
    {
        if (database == Sqlite) return [];
        var admin = PostgresAdmin ?? throw new InvalidOperationException(
            $"{PostgresVariable} is not set: CI must start PostgreSQL and name it (e.g. Host=127.0.0.1;Username=tiktok;Password=tiktok;Database=postgres)");
        var name = "tiktok_t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        // Test classes run in parallel, each on its own database: keep every pool small so that
        // together they stay under the server's max_connections (100 by default).
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 10 };
        return new()
        {
            ["Tiktok:Database:Provider"] = "PostgreSQL",
            ["Tiktok:Database:ConnectionString"] = builder.ConnectionString,
        };
    }

    public static void Drop(Dictionary<string, string?> settings)
    {
        if (!settings.TryGetValue("Tiktok:Database:ConnectionString", out var cs) || cs is null || PostgresAdmin is null) return;
        var name = new NpgsqlConnectionStringBuilder(cs).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresAdmin);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
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
        var requirement = method.TestClass.Class.GetCustomAttributes(typeof(RequiresServerAttribute).AssemblyQualifiedName).FirstOrDefault();
        var reason = requirement?.GetConstructorArguments().Single() is string variable ? TestServers.SkipReason(variable) : null;
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
}
