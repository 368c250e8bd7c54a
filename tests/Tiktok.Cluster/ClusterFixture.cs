using System.Diagnostics;
using System.Net.Sockets;

namespace Tiktok.Cluster;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>
/// A test that needs the cluster. Outside CI it is skipped, with one line saying why, when the tools
/// scripts/cluster.sh needs are missing; under CI=true it always runs (the script installs what is missing)
/// and fails if the cluster does not come up.
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (ClusterFixture.Unavailable is { } reason && !ClusterFixture.UnderCi) Skip = reason;
    }
}

/// <summary>
/// Starts the cluster of scripts/cluster.sh (own state directory and ports, so it never meets a developer's
/// cluster on the defaults) once for the collection, stops it at the end, and breaks and repairs its parts.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string StateDir = "/tmp/tiktok-cluster-tests";
    public const int LbPort = 18800;
    public const int PgPort = 18832;
    public const int RedisPort = 18879;
    public const int S3Port = 18869;
    public static int InstancePort(int i) => LbPort + i;          // 18801, 18802

    public static readonly bool UnderCi =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Root { get; } = FindRoot();
    public static string Script => Path.Combine(Root, "scripts", "cluster.sh");
    public static string LogFile => StateDir + ".log";

    public string LbUrl => $"http://127.0.0.1:{LbPort}";
    public string InstanceUrl(int i) => $"http://127.0.0.1:{InstancePort(i)}";

    /// <summary>Why the cluster cannot start here (a missing tool), or null.</summary>
    public static string? Unavailable { get; } = FindMissing();

    private bool _started;

    public async Task InitializeAsync()
    {
        if (Unavailable is not null && !UnderCi) return;
        await RunScriptAsync("down", TimeSpan.FromSeconds(90), check: false);   // a leftover of an aborted run
        await UpAsync();
        _started = true;
    }

    public async Task DisposeAsync()
    {
        if (_started) await RunScriptAsync("down", TimeSpan.FromSeconds(90), check: false);
    }

    /// <summary>`cluster.sh up`: starts whatever is not running (a stopped Redis or PostgreSQL, a killed instance).</summary>
    public Task UpAsync() => RunScriptAsync("up", TimeSpan.FromSeconds(240));

    public static async Task RunScriptAsync(string command, TimeSpan timeout, bool check = true)
    {
        File.AppendAllText(LogFile, $"\n---- {DateTime.UtcNow:O} cluster.sh {command}\n");
        var code = await RunAsync("/bin/bash", ["-c", $"exec \"$0\" {command} >> \"$1\" 2>&1", Script, LogFile], timeout, Env);
        if (check && code != 0)
        {
            var tail = string.Join('\n', File.ReadLines(LogFile).TakeLast(25));
            throw new InvalidOperationException($"scripts/cluster.sh {command} exited with {code}; end of {LogFile}:\n{tail}");
        }
    }

    private static Dictionary<string, string> Env => new()
    {
        ["TIKTOK_CLUSTER_DIR"] = StateDir,
        ["TIKTOK_CLUSTER_PORT"] = LbPort.ToString(),
        ["TIKTOK_CLUSTER_PG_PORT"] = PgPort.ToString(),
        ["TIKTOK_CLUSTER_REDIS_PORT"] = RedisPort.ToString(),
        ["TIKTOK_CLUSTER_S3_PORT"] = S3Port.ToString(),
        ["TIKTOK_CLUSTER_AUTH_PER_MINUTE"] = "100000",
        ["TIKTOK_CLUSTER_LOG_LEVEL"] = "Warning",
    };

    // ---- faults ------------------------------------------------------------------------------

    /// <summary>Stops Redis at once, without saving (the cluster runs it without persistence anyway).</summary>
    public async Task StopRedisAsync()
    {
        var pid = Pid(Path.Combine(StateDir, "redis", "redis.pid"));
        await RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", RedisPort.ToString(), "shutdown", "nosave"], TimeSpan.FromSeconds(10));
        await WaitGoneAsync(pid, RedisPort);
    }

    /// <summary>SIGKILL for instance <paramref name="i"/>: no graceful shutdown, connections reset.</summary>
    public async Task KillInstanceAsync(int i)
    {
        var pid = Pid(Path.Combine(StateDir, $"app{i}", "server.pid"));
        Assert.True(pid > 0, $"no pid recorded for instance {i}");
        Process.GetProcessById(pid).Kill(entireProcessTree: true);
        await WaitGoneAsync(pid, InstancePort(i));
    }

    /// <summary>pg_ctl stop -m fast on the cluster's data directory, as the script's `down` does.</summary>
    public async Task StopPostgresAsync()
    {
        var data = Path.Combine(StateDir, "postgres", "data");
        var pgCtl = Path.Combine(PgBin(), "pg_ctl");
        string[] args = [pgCtl, "-D", data, "-m", "fast", "-w", "-t", "30", "stop"];
        var code = Environment.UserName == "root" || IsRoot()
            ? await RunAsync("runuser", ["-u", "postgres", "--", .. args], TimeSpan.FromSeconds(40))
            : await RunAsync(args[0], args[1..], TimeSpan.FromSeconds(40));
        Assert.Equal(0, code);
        await WaitGoneAsync(0, PgPort);
    }

    public static int Pid(string file) =>
        File.Exists(file) && int.TryParse(File.ReadAllText(file).Split('\n')[0].Trim(), out var pid) ? pid : 0;

    private static async Task WaitGoneAsync(int pid, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((pid <= 0 || !Alive(pid)) && !PortOpen(port)) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"pid {pid} / port {port} still alive after 20 s");
    }

    private static bool Alive(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    public static bool PortOpen(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private static async Task<int> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, Dictionary<string, string>? env = null)
    {
        var quiet = env is null;   // tools' chatter (pg_ctl, redis-cli) goes to the log, not the test output
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            WorkingDirectory = Root,
            RedirectStandardOutput = quiet,
            RedirectStandardError = quiet,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            if (quiet)
            {
                var output = await Task.WhenAll(process.StandardOutput.ReadToEndAsync(cts.Token), process.StandardError.ReadToEndAsync(cts.Token));
                File.AppendAllText(LogFile, $"---- {file} {string.Join(' ', args)}\n{output[0]}{output[1]}");
            }
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s");
        }
        return process.ExitCode;
    }

    private static bool IsRoot() => File.Exists("/proc/self/status") &&
        File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:") && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    private static string PgBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault() ?? ""
            : "";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "cluster.sh"))) return dir.FullName;
        return "";
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Any(d => File.Exists(Path.Combine(d, name)));

    private static string? FindMissing()
    {
        if (Root == "") return "scripts/cluster.sh not found above the test assembly: cluster tests skipped";
        var missing = new List<string>();
        if (PgBin() == "") missing.Add("PostgreSQL (pg_ctl)");
        foreach (var tool in new[] { "redis-server", "redis-cli", "nginx", "curl", "ffmpeg", "ffprobe" })
            if (!OnPath(tool)) missing.Add(tool);
        var s3rver = Path.Combine(Environment.GetEnvironmentVariable("S3RVER_DIR") ?? "/opt/s3rver", "node_modules", ".bin", "s3rver");
        if (!File.Exists(s3rver) && !OnPath("npm")) missing.Add("s3rver (or npm)");
        return missing.Count == 0 ? null
            : $"cluster tests skipped: {string.Join(", ", missing)} missing (scripts/cluster.sh up installs them; CI=true fails instead)";
    }
}
