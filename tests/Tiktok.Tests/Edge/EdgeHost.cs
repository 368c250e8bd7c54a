using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Media;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Edge;

/// <summary>
/// One host shared by a class's hostile-input cases, with a small world: Alice (with a video and a
/// comment on it) and Bob, and every log entry captured.
/// </summary>
public abstract class EdgeHost : IAsyncLifetime
{
    protected EdgeHost(string database)
    {
        Logs = new CapturedLogs();
        Factory = new TiktokFactory(settings: new() { ["Tiktok:MaxUploadBytes"] = "200000" }, database: database,
            configure: services => services.AddSingleton<ILoggerProvider>(Logs));
        Http = Factory.CreateClient();
    }

    public TiktokFactory Factory { get; }
    public HttpClient Http { get; }
    public CapturedLogs Logs { get; }
    public (long Id, string Token) Alice { get; private set; }
    public (long Id, string Token) Bob { get; private set; }
    public long Video { get; private set; }
    public long Comment { get; private set; }

    /// <summary>How many uploads the host began to stage so far.</summary>
    public long StagingStarted => Factory.Services.GetRequiredService<UploadStaging>().Started;

    public async Task InitializeAsync()
    {
        Alice = await Http.RegisterAsync();
        Bob = await Http.RegisterAsync();
        Video = (await Factory.VideosAsync(Alice.Id, 1))[0];
        var comment = await Http.PostFormAsync("/douyin/comment/action/", ("token", Alice.Token), ("video_id", Video.ToString()),
            ("action_type", "1"), ("comment_text", "first"));
        Comment = comment.GetProperty("comment").GetProperty("id").GetInt64();
    }

    public Task DisposeAsync()
    {
        Factory.DeleteData();
        return Task.CompletedTask;
    }

    /// <summary>The files under the upload staging folder and the media folder.</summary>
    public IReadOnlyList<string> StagedAndStoredFiles()
    {
        string[] Files(string dir) => Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories) : [];
        return [.. Files(Path.Combine(Factory.DataDir, "uploads")), .. Files(Path.Combine(Factory.DataDir, "media"))];
    }

    public sealed class Sqlite() : EdgeHost(TestDatabases.Sqlite);

    public sealed class Postgres() : EdgeHost(TestDatabases.Postgres);
}
