using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.Api;

/// <summary>
/// The database goes away (PostgreSQL restarting, the network to it failing): every front answers
/// the catalogue's Unavailable (9002) with a "try again" rather than an internal error, a write
/// caught half-way leaves nothing behind, and the service recovers once the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    /// <summary>Cuts the relay to PostgreSQL right after a command that matches, inside the write's transaction.</summary>
    private sealed class CutAfterCommand(CuttableProxy proxy) : DbCommandInterceptor
    {
        public volatile Func<DbCommand, bool>? When;

        private void After(DbCommand command)
        {
            if (When is { } when && when(command))
            {
                When = null;
                proxy.Cut();
            }
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            After(command);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            After(command);
            return ValueTask.FromResult(result);
        }
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, JsonElement Body)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static HttpRequestMessage Form(string path, params (string Key, string Value)[] form) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))) };

    private static void AssertUnavailable((HttpStatusCode Status, string? RetryAfter, JsonElement Body) answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(DomainErrors.RetryAfterSeconds.ToString(), answer.RetryAfter);
        Assert.Equal((int)ErrorCode.Unavailable, answer.Body.GetProperty("status_code").GetInt32());
        Assert.Contains("temporarily unavailable", answer.Body.GetProperty("status_msg").GetString());
    }

    [RequiresServerFact(TestDatabases.PostgresVariable)]
    public async Task While_PostgreSQL_is_unreachable_REST_GraphQL_and_hubs_answer_Unavailable_and_nothing_is_half_written()
    {
        var database = TestDatabases.Create(TestDatabases.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database["Tiktok:Database:ConnectionString"]);
        using var proxy = new CuttableProxy(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port };
        var cut = new CutAfterCommand(proxy);
        var factory = new TiktokFactory(
            settings: new(database) { ["Tiktok:Database:ConnectionString"] = relayed.ConnectionString },
            configure: services => services.AddSingleton<IInterceptor>(cut));
        try
        {
            var http = factory.CreateClient();
            var (me, token) = await http.RegisterAsync();
            var author = (await factory.UsersAsync(1))[0];
            var video = (await factory.VideosAsync(author, 1))[0];
            await using var watcher = await HubClients.Build(factory, LiveSetup.VideosPath, null).StartedAsync();
            Assert.Equal(0, (await http.GetJsonAsync($"/douyin/user/?user_id={me}&token={token}")).Status());

            // The connection drops after the comment's INSERT, before the count's UPDATE and the commit.
            cut.When = c => c.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase) &&
                            c.CommandText.Contains("comments", StringComparison.OrdinalIgnoreCase);
            var comment = Form("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
                ("action_type", "1"), ("comment_text", "lost in the outage"));
            AssertUnavailable(await SendAsync(http, comment));
            Assert.Null(cut.When); // the cut happened where intended

            // Still cut: reads, sign-up (not "username taken"), GraphQL and hub methods all say "try again".
            // (A read the caches answer whole, such as the caller's own warm profile, is still answered.)
            AssertUnavailable(await SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"/douyin/user/?user_id={author}&token={token}")));
            AssertUnavailable(await SendAsync(http, Form("/douyin/user/register/", ("username", "u" + Guid.NewGuid().ToString("N")[..12]), ("password", "secret123"))));
            AssertUnavailable(await SendAsync(http, Form("/douyin/favorite/action/", ("token", token), ("video_id", video.ToString()), ("action_type", "1"))));

            // A publish stores the file, then cannot commit: Unavailable, and the stored file is removed again.
            var publish = new MultipartFormDataContent
            {
                { new StringContent(token), "token" },
                { new StringContent("during the outage"), "title" },
                { new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"))), "data", "clip.mp4" },
            };
            AssertUnavailable(await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/douyin/publish/action/") { Content = publish }));
            var media = Path.Combine(factory.DataDir, "media");
            Assert.Empty(Directory.Exists(media) ? Directory.EnumerateFiles(media, "*.mp4", SearchOption.AllDirectories) : []);

            var graphql = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = JsonContent.Create(new { query = $"{{ user(id: {author}) {{ id name }} }}" }),
            });
            var error = graphql.Body.GetProperty("errors")[0];
            Assert.Equal("UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal((int)ErrorCode.Unavailable, error.GetProperty("extensions").GetProperty("status_code").GetInt32());
            Assert.Contains("temporarily unavailable", error.GetProperty("message").GetString());
            Assert.Equal(DomainErrors.RetryAfterSeconds.ToString(), graphql.RetryAfter);

            var hub = await Assert.ThrowsAsync<HubException>(() => watcher.InvokeAsync<LiveCounts>("Watch", video));
            Assert.Contains($"HubException: {(int)ErrorCode.Unavailable}: the service is temporarily unavailable", hub.Message);

            // Back: the service recovers by itself (a pooled connection that died may fail one more request).
            proxy.Restore();
            JsonElement answer = default;
            for (var i = 0; i < 20; i++)
            {
                answer = await http.GetJsonAsync($"/douyin/comment/list/?video_id={video}&token={token}");
                if (answer.Status() == 0) break;
                Assert.Equal((int)ErrorCode.Unavailable, answer.Status());
                await Task.Delay(100);
            }
            Assert.Equal(0, answer.Status());
            Assert.Empty(answer.GetProperty("comment_list").EnumerateArray()); // the INSERT was rolled back with its transaction
            var (rows, count) = await factory.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<TiktokDbContext>();
                return (await db.Comments.CountAsync(c => c.VideoId == video),
                        await db.Videos.Where(v => v.Id == video).Select(v => v.CommentCount).SingleAsync());
            });
            Assert.Equal((0, 0L), (rows, count));

            // The same request, repeated as the answer asked, now succeeds once.
            var again = await http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", video.ToString()),
                ("action_type", "1"), ("comment_text", "lost in the outage"));
            Assert.Equal(0, again.Status());
            Assert.Equal(new LiveCounts(video, 0, 1), await watcher.InvokeAsync<LiveCounts>("Watch", video));
        }
        finally
        {
            proxy.Restore();
            factory.Dispose();
            TestDatabases.Drop(database);
            factory.DeleteData();
        }
    }

    [Fact]
    public void Transient_failures_are_told_from_bugs()
    {
        // The host's own instance, with the checks of the provider it uses.
        using var factory = new TiktokFactory();
        var transientFailures = factory.Services.GetRequiredService<TransientFailures>();
        Assert.True(transientFailures.Is(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(transientFailures.Is(new InvalidOperationException("likely a transient failure",
            new NpgsqlException("Exception while reading from stream", new IOException("reset")))));
        Assert.True(transientFailures.Is(new DbUpdateException("save failed", new TimeoutException())));
        Assert.True(transientFailures.Is(new AggregateException(new ArgumentException("x"), new System.Net.Sockets.SocketException(104))));
        Assert.False(transientFailures.Is(new InvalidOperationException("a bug")));
        Assert.False(transientFailures.Is(new DbUpdateException("unique", new NpgsqlException("23505"))));

        // SQLite: busy or locked after the busy timeout (the host registers this check when it uses SQLite).
        Assert.True(transientFailures.Is(new DbUpdateException("save failed", new SqliteException("database is locked", 5))));
        Assert.False(transientFailures.Is(new SqliteException("constraint failed", 19)));
        factory.DeleteData();
    }
}
