using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.ScaleOut;

/// <summary>
/// The Redis the tests use: <c>TIKTOK_TEST_REDIS</c> (e.g. <c>127.0.0.1:6379</c>). Unset: Redis
/// tests are skipped, except under <c>CI=true</c>, where they run and fail saying what is missing.
/// Every test uses its own key and channel prefix, so tests (and other users of that Redis) never collide.
/// </summary>
public static class RedisTest
{
    public const string Variable = "TIKTOK_TEST_REDIS";

    public static string? Configuration => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v : null;

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require() => Configuration ?? throw new InvalidOperationException(
        $"CI=true but {Variable} is not set: .ci/run must start redis-server and export {Variable}=127.0.0.1:6379");

    /// <summary>Why Redis tests are skipped, or null when they run (Redis named, or under CI).</summary>
    public static string? SkipReason => Configuration is null && !UnderCi
        ? $"{Variable} not set (e.g. 127.0.0.1:6379): Redis tests skipped"
        : null;

    public static string NewPrefix() => "test-" + Guid.NewGuid().ToString("N")[..12];

    public static Dictionary<string, string?> Settings(string configuration, string prefix) => new()
    {
        ["Tiktok:Redis:Configuration"] = configuration,
        ["Tiktok:Redis:Prefix"] = prefix,
    };
}

/// <summary>A test that needs the Redis of <c>TIKTOK_TEST_REDIS</c>.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = RedisTest.SkipReason;
}

/// <summary>A theory (one row per database, say) that needs the Redis of <c>TIKTOK_TEST_REDIS</c>.</summary>
public sealed class RedisTheoryAttribute : TheoryAttribute
{
    public RedisTheoryAttribute() => Skip = RedisTest.SkipReason;
}

/// <summary>
/// Two instances of the app on one database (one SQLite data directory, or one PostgreSQL
/// database and a shared data directory), optionally sharing a Redis.
/// </summary>
public sealed class TwoHosts : IDisposable
{
    public TiktokFactory A { get; }
    public TiktokFactory B { get; }
    public HttpClient HttpA { get; }
    public HttpClient HttpB { get; }

    public TwoHosts(Dictionary<string, string?>? settings, string database = TestDatabases.Sqlite)
    {
        A = new TiktokFactory(settings: settings, database: database);
        HttpA = A.CreateClient(); // A migrates the database before B starts
        var onA = new Dictionary<string, string?>(settings ?? []);
        foreach (var (key, value) in A.DatabaseSettings) onA[key] = value;
        B = new TiktokFactory(dataDir: A.DataDir, settings: onA);
        HttpB = B.CreateClient();
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        A.DeleteData();
    }
}

/// <summary>A redis-server of the test's own on a spare port, for stopping and starting it.</summary>
public sealed class OwnRedisServer(string? persistDir = null) : IDisposable
{
    private Process? _process;
    public int Port { get; } = SparePort();
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>For a [RedisFact]/[RedisTheory] that starts its own server: fails, saying what is missing, when it cannot.</summary>
    public static void Require()
    {
        RedisTest.Require();
        if (!Installed) throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server)");
    }

    public static bool Installed => File.Exists("/usr/bin/redis-server") ||
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "redis-server")));

    private static int SparePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        // With a folder, every write is in an fsynced append-only file, so a restart keeps the data.
        string[] persistence = persistDir is null
            ? ["--save", "", "--appendonly", "no"]
            : ["--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", persistDir];
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--bind", "127.0.0.1", "--port", Port.ToString(), .. persistence])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException($"redis-server did not listen on {Port}");
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();
}
