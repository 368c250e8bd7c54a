using System.Net;
using Tiktok.Testing;

namespace Tiktok.EndToEnd.Infrastructure;

/// <summary>All end-to-end tests share one server: the one at TIKTOK_E2E_BASE_URL, or a process the fixture starts.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

/// <summary>
/// The server under test. Without TIKTOK_E2E_BASE_URL it starts the real server as a separate process on a
/// fresh temporary data directory, with a small upload limit (so the 413 path is cheap to reach), a fast
/// password hash and no practical rate limit on register/log-in, and kills it at the end.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string BaseUrlVariable = "TIKTOK_E2E_BASE_URL";
    public const string MaxUploadVariable = "TIKTOK_E2E_MAX_UPLOAD_BYTES";
    /// <summary><c>off</c>: the owned server runs without ffmpeg (Tiktok:Media:UseFfmpeg=false) even when it is installed.</summary>
    public const string FfmpegVariable = "TIKTOK_E2E_FFMPEG";
    public const long OwnedMaxUploadBytes = 5L * 1024 * 1024;

    private readonly string? _externalUrl = ExternalUrl;
    private string? _workDir;
    private ServerProcess? _server;
    private Lazy<Task<World>>? _world;

    public static string? ExternalUrl =>
        Environment.GetEnvironmentVariable(BaseUrlVariable) is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>True when this fixture started the server (so it may restart it or know its configuration).</summary>
    public bool OwnsServer => _externalUrl is null;

    /// <summary>Base URL without trailing slash; changes when the owned server is restarted.</summary>
    public string BaseUrl => _externalUrl ?? _server?.BaseUrl ?? throw new InvalidOperationException("server not started");

    /// <summary>The owned server's metrics listener; null for an external server (its metrics port is its operator's).</summary>
    public string? MetricsUrl => _server?.MetricsUrl;

    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The upload limit of the server under test, when known.</summary>
    public long? MaxUploadBytes =>
        OwnsServer ? OwnedMaxUploadBytes
        : long.TryParse(Environment.GetEnvironmentVariable(MaxUploadVariable), out var max) ? max : null;

    /// <summary>Whether covers are cut as JPEG (owned server with ffmpeg on PATH); null when unknown.</summary>
    public bool? CutsCovers => OwnsServer ? !FfmpegOff && OnPath("ffmpeg") && OnPath("ffprobe") : null;

    private static bool FfmpegOff => string.Equals(Environment.GetEnvironmentVariable(FfmpegVariable), "off", StringComparison.OrdinalIgnoreCase);

    public string DataDir => Path.Combine(_workDir ?? throw new InvalidOperationException("no owned server"), "data");

    public async Task InitializeAsync()
    {
        if (!OwnsServer) return;
        _workDir = Path.Combine(Path.GetTempPath(), "tiktok-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDir);
        _server = await StartServerAsync();
    }

    private Task<ServerProcess> StartServerAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Tiktok__AuthRequestsPerMinute"] = "100000",
            ["Tiktok__MaxUploadBytes"] = OwnedMaxUploadBytes.ToString(),
            ["Tiktok__PasswordWorkFactor"] = "4",
        };
        if (FfmpegOff) settings["Tiktok__Media__UseFfmpeg"] = "false";
        return ServerProcess.StartAsync(DataDir, Path.Combine(_workDir!, "server.log"), settings);
    }

    /// <summary>Stops the owned server gracefully and starts it again on the same data directory.</summary>
    public async Task RestartAsync()
    {
        if (!OwnsServer) throw new InvalidOperationException("cannot restart a server this fixture does not own");
        await _server!.StopAsync();
        await _server.DisposeAsync();
        _server = null;
        _server = await StartServerAsync();
    }

    /// <summary>The tail of the owned server's log, for failure messages ("" for an external server).</summary>
    public string LogTail(int lines = 40) =>
        _server is null ? "" : $"--- server log tail ({_server.LogPath}, pid {_server.Pid}{(_server.HasExited ? ", EXITED" : "")}) ---\n{_server.Tail(lines)}";

    /// <summary>A shared, read-mostly cast (two users, a video, a comment) for the bad-input table.</summary>
    public Task<World> SharedWorldAsync()
    {
        Interlocked.CompareExchange(ref _world, new Lazy<Task<World>>(() => World.CreateAsync(this)), null);
        return _world.Value;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_workDir is not null && Environment.GetEnvironmentVariable("TIKTOK_E2E_KEEP_DATA") is null)
        {
            try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>Two users, a video by <see cref="Alice"/> and her comment on it.</summary>
public sealed record World(TestUser Alice, TestUser Bob, long VideoId, long CommentId)
{
    public static async Task<World> CreateAsync(ServerFixture fixture)
    {
        var api = new Douyin(fixture);
        var alice = await api.NewUserAsync("wa");
        var bob = await api.NewUserAsync("wb");
        var video = await api.PublishSampleAsync(alice, "shared world");
        var comment = (await api.Post("/douyin/comment/action/", ("token", alice.Token), ("video_id", video),
            ("action_type", 1), ("comment_text", "first"))).Ok();
        return new World(alice, bob, video, comment.Json.GetProperty("comment").GetProperty("id").GetInt64());
    }
}

/// <summary>Skips a test when the suite runs against an external server it cannot restart or reconfigure.</summary>
public sealed class OwnedServerFactAttribute : FactAttribute
{
    public OwnedServerFactAttribute()
    {
        if (ServerFixture.ExternalUrl is not null)
            Skip = $"needs a server process the suite starts itself ({ServerFixture.BaseUrlVariable} is set, so the server is external)";
    }
}

/// <summary>Skips a test when the upload limit of the server under test is unknown.</summary>
public sealed class KnownUploadLimitFactAttribute : FactAttribute
{
    public KnownUploadLimitFactAttribute()
    {
        if (ServerFixture.ExternalUrl is not null && Environment.GetEnvironmentVariable(ServerFixture.MaxUploadVariable) is null)
            Skip = $"the external server's upload limit is unknown: set {ServerFixture.MaxUploadVariable} to its Tiktok:MaxUploadBytes";
    }
}
