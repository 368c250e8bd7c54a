using System.Net;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Edge;

/// <summary>
/// /media/ serves media keys only: no spelling of a path that climbs out of the media store (encoded,
/// double-encoded, backslashes, NUL, absolute) reaches the signing key, the database or any file.
/// </summary>
public abstract class MediaPathTraversalTests : IDisposable
{
    public sealed class Sqlite() : MediaPathTraversalTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : MediaPathTraversalTests(TestDatabases.Postgres);

    private readonly TiktokFactory _f;
    private readonly HttpClient _http;

    private MediaPathTraversalTests(string database)
    {
        _f = new TiktokFactory(database: database);
        _http = _f.CreateClient();
    }

    public void Dispose()
    {
        _f.Dispose();
        _f.DeleteData();
    }

    public static TheoryData<string> Paths() =>
    [
        "/media/../signing-key",
        "/media/..%2fsigning-key",
        "/media/..%2F..%2Fsigning-key",
        "/media/%2e%2e/signing-key",
        "/media/%2e%2e%2fsigning-key",
        "/media/%252e%252e%252fsigning-key",
        "/media/videos/..%2f..%2fsigning-key",
        "/media/videos%2f..%2f..%2fsigning-key",
        "/media/..%5csigning-key",
        "/media/videos%5c..%5c..%5csigning-key",
        "/media/videos/../../tiktok.db",
        "/media/%2fetc%2fpasswd",
        "/media//etc/passwd",
        "/media/..;/signing-key",
        "/media/" + new string('a', 5000) + ".mp4",
    ];

    [DatabaseTheory]
    [MemberData(nameof(Paths))]
    public async Task A_path_out_of_the_media_store_is_404_and_reveals_nothing(string path)
    {
        await _http.GetAsync("/healthz"); // the host has started and written its signing key
        var secret = await File.ReadAllBytesAsync(Path.Combine(_f.DataDir, "signing-key"));
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{path} answered {(int)response.StatusCode}");
        Assert.False(body.AsSpan().IndexOf(secret) >= 0, $"{path} revealed the signing key");
        Assert.False(body.AsSpan().IndexOf("SQLite format"u8) >= 0, $"{path} revealed the database");
        Assert.False(body.AsSpan().IndexOf("root:"u8) >= 0, $"{path} revealed /etc/passwd");
    }
}
