using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Events;

namespace Tiktok.Tests.Infrastructure;

/// <summary>
/// The real host over a fresh data directory and a fresh database (SQLite in the data directory,
/// or a new PostgreSQL database, see <see cref="TestDatabases"/>). Adds a SQL command counter and an event
/// recorder; everything else is the production composition.
/// </summary>
public sealed class TiktokFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; }
    public SqlCommandCounter Commands { get; } = new();
    public EventRecorder Events { get; } = new();
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _configure;

    private readonly Dictionary<string, string?> _database;

    /// <summary>The settings naming this host's database (none for SQLite in the data directory), for another instance on it.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings => _database;

    public TiktokFactory(string? dataDir = null, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null, string database = TestDatabases.Sqlite)
    {
        _configure = configure;
        _database = TestDatabases.Create(database);
        DataDir = dataDir ?? Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Tiktok:DataDir"] = DataDir,
            ["Tiktok:AuthRequestsPerMinute"] = "100000",
            ["Tiktok:PasswordWorkFactor"] = "4",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in _database) _settings[k] = v;
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IInterceptor>(Commands);
            services.AddSingleton<IDomainEventHandler>(Events);
            services.Configure<Microsoft.AspNetCore.TestHost.TestServerOptions>(o => o.PreserveExecutionContext = true);
            _configure?.Invoke(services);
        });
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) =>
        InScopeAsync(async sp => { await work(sp); return true; });

    /// <summary>
    /// Stops the host if it still runs (its background workers must not meet a dropped PostgreSQL
    /// database), then deletes the database and the data directory.
    /// </summary>
    public void DeleteData()
    {
        Dispose();
        try { TestDatabases.Drop(_database); } catch (Npgsql.NpgsqlException) { }
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Counts SQL commands sent to the database.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    // Only commands issued on behalf of the measured work count: background workers (live-push
    // reconciliation) query the database on their own schedule. The test server flows the
    // caller's execution context into the request, so the flag reaches the handlers.
    private readonly AsyncLocal<bool> _measuring = new();
    private int _count;
    public int Count => Volatile.Read(ref _count);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

    /// <summary>The SQL of every command so far, for failure messages.</summary>
    public IReadOnlyList<string> Texts => _texts.ToList();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (!_measuring.Value) return result;
        Interlocked.Increment(ref _count);
        _texts.Enqueue(result.CommandText);
        return result;
    }

    public async Task<int> CountAsync(Func<Task> work)
    {
        var before = Count;
        _measuring.Value = true;
        try { await work(); }
        finally { _measuring.Value = false; }
        return Count - before;
    }
}

/// <summary>Records committed domain events, and what the database said when each arrived.</summary>
public sealed class EventRecorder : IDomainEventHandler
{
    private readonly List<IDomainEvent> _events = [];
    public Func<IDomainEvent, Task>? OnEvent { get; set; }

    public IReadOnlyList<IDomainEvent> All { get { lock (_events) return _events.ToList(); } }

    public async ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        lock (_events) _events.Add(domainEvent);
        if (OnEvent is { } hook) await hook(domainEvent);
    }
}

/// <summary>Minimal app-style calls for the integration tests.</summary>
public static class AppCalls
{
    public static async Task<JsonElement> PostFormAsync(this HttpClient http, string path, params (string Key, string Value)[] form)
    {
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string pathAndQuery)
    {
        using var response = await http.GetAsync(pathAndQuery);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<(long Id, string Token)> RegisterAsync(this HttpClient http, string? name = null)
    {
        name ??= "u" + Guid.NewGuid().ToString("N")[..12];
        var answer = await http.PostFormAsync("/douyin/user/register/", ("username", name), ("password", "secret123"));
        Assert.Equal(0, answer.GetProperty("status_code").GetInt32());
        return (answer.GetProperty("user_id").GetInt64(), answer.GetProperty("token").GetString()!);
    }

    /// <summary>REST like (action 1) or unlike (action 2).</summary>
    public static Task<JsonElement> LikeAsync(this HttpClient http, string token, long video, int action) =>
        http.PostFormAsync("/douyin/favorite/action/", ("token", token), ("video_id", video.ToString()), ("action_type", action.ToString()));

    public static int Status(this JsonElement answer) => answer.GetProperty("status_code").GetInt32();
}

/// <summary>A clock that stands still unless moved: many actions in one millisecond.</summary>
public sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
