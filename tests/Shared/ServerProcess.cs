using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tiktok.Testing;

/// <summary>
/// One real server process: <c>dotnet Tiktok.Server.dll --urls http://127.0.0.1:PORT</c> on a given data
/// directory, with its stdout/stderr appended to a log file and kept (tail) in memory for failure messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 400;
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly LinkedList<string> _tail = new();
    private readonly object _gate = new();
    private int _stopped;

    private ServerProcess(Process process, StreamWriter log, string baseUrl, string logPath, string metricsUrl)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
        MetricsUrl = metricsUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The loopback listener that serves <c>/metrics</c> (Tiktok:Metrics:Port).</summary>
    public string MetricsUrl { get; }
    public string LogPath { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote (stdout and stderr interleaved).</summary>
    public string Tail(int lines = 60)
    {
        lock (_gate)
        {
            return string.Join('\n', _tail.Skip(Math.Max(0, _tail.Count - lines)));
        }
    }

    public static async Task<ServerProcess> StartAsync(string dataDir, string logPath,
        IReadOnlyDictionary<string, string> settings)
    {
        var dll = FindServerDll();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";

        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        // Nothing from the runner's environment may redirect the server elsewhere.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
            start.Environment.Remove(inherited);
        // Nor may the runner's own Tiktok settings: the suite's server is configured by the suite alone.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Tiktok__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Tiktok__DataDir"] = dataDir;
        // /metrics has a listener of its own (Tiktok:Metrics:Port): a free one per process.
        var metricsPort = FreePort();
        start.Environment["Tiktok__Metrics__Port"] = metricsPort.ToString();
        foreach (var (key, value) in settings) start.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8)
        {
            AutoFlush = true,
        };
        log.WriteLine($"=== {DateTimeOffset.Now:O} starting {dotnet} {dll} --urls {baseUrl} (data dir {dataDir})");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, log, baseUrl, logPath, $"http://127.0.0.1:{metricsPort}");
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data is null ? null : "[stderr] " + e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start {dotnet} {dll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.KillNow();

        try
        {
            await server.WaitHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _tail.AddLast(Compact(line));
            if (_tail.Count > TailLines) _tail.RemoveFirst();
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>A JSON console log line as "time level category: message [exception]"; other lines as they are.</summary>
    private static string Compact(string line)
    {
        if (!line.StartsWith('{')) return line;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var root = doc.RootElement;
            string Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : "";
            var text = $"{Field("Timestamp")} {Field("LogLevel")} {Field("Category")}: {Field("Message")}";
            var exception = Field("Exception");
            return exception.Length == 0 ? text : text + "\n    " + exception;
        }
        catch (System.Text.Json.JsonException)
        {
            return line;
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartBudget;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException(
                    $"the server exited with code {_process.ExitCode} before answering /healthz; log {LogPath}:\n{Tail()}");
            try
            {
                using var answer = await http.GetAsync(BaseUrl + "/healthz");
                if (answer.StatusCode == HttpStatusCode.OK) return;
                last = new InvalidOperationException($"/healthz answered {(int)answer.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException(
            $"the server did not answer GET {BaseUrl}/healthz within {StartBudget.TotalSeconds} s ({last?.Message}); log {LogPath}:\n{Tail()}");
    }

    /// <summary>Asks the server to stop (SIGTERM, graceful), then kills the process tree if it lingers.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        try
        {
            if (!_process.HasExited && !OperatingSystem.IsWindows())
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false });
                if (kill is not null) await kill.WaitForExitAsync();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { await _process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Append($"[tests] graceful stop failed: {e.Message}");
        }
        KillNow();
        try { _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        Append($"=== {DateTimeOffset.Now:O} stopped");
    }

    private void KillNow()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (_gate)
        {
            _log.Dispose();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// src/Server/bin/&lt;Configuration&gt;/net10.0/Tiktok.Server.dll under the repository root (the folder
    /// holding Tiktok.sln, found walking up from the test assembly); TIKTOK_E2E_SERVER_DLL overrides it.
    /// </summary>
    public static string FindServerDll()
    {
        var overridden = Environment.GetEnvironmentVariable("TIKTOK_E2E_SERVER_DLL");
        if (!string.IsNullOrEmpty(overridden))
            return File.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new FileNotFoundException($"TIKTOK_E2E_SERVER_DLL points to {overridden}, which does not exist");

        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Tiktok.sln"))) root = root.Parent;
        if (root is null)
            throw new DirectoryNotFoundException(
                $"no Tiktok.sln above {AppContext.BaseDirectory}; set TIKTOK_E2E_SERVER_DLL or TIKTOK_E2E_BASE_URL");

        // The test assembly sits in .../bin/<Configuration>/<tfm>/: prefer the server built the same way.
        var tfm = here.Name;
        var configuration = here.Parent?.Name;
        var serverBin = Path.Combine(root.FullName, "src", "Server", "bin");
        var preferred = configuration is null ? null : Path.Combine(serverBin, configuration, tfm, "Tiktok.Server.dll");
        if (preferred is not null && File.Exists(preferred)) return preferred;

        var any = Directory.Exists(serverBin)
            ? Directory.EnumerateFiles(serverBin, "Tiktok.Server.dll", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
        return any ?? throw new FileNotFoundException(
            $"Tiktok.Server.dll not found under {serverBin}; build src/Server first (building the test project does)");
    }
}
