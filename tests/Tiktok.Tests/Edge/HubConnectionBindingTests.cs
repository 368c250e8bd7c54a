using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Data;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.Edge;

/// <summary>
/// A hub connection stays bound to the user who negotiated it: B, holding C's connection id,
/// cannot send on it, poll it or open its transport, on long polling, Server-Sent Events and
/// WebSockets, and nothing B sends is delivered. Raw HTTP, as an attacker would speak it. On
/// SQLite and on PostgreSQL.
/// </summary>
public abstract class HubConnectionBindingTests(LiveFixture f) : IAsyncLifetime
{
    public sealed class Sqlite(LiveFixture.Sqlite f) : HubConnectionBindingTests(f), IClassFixture<LiveFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(LiveFixture.Postgres f) : HubConnectionBindingTests(f), IClassFixture<LiveFixture.Postgres>;

    private const char RecordSeparator = '\u001e';
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _timeout.CancelAsync();
        foreach (var o in _owned) await o.DisposeAsync();
        _timeout.Dispose();
    }

    private HttpClient Raw => f.Factory.Server.CreateClient();

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, string? body = null, string? accept = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "text/plain");
        return request;
    }

    /// <summary>The connection token (the <c>id</c> every later request carries) of a fresh chat connection.</summary>
    private async Task<string> NegotiateAsync(string token)
    {
        using var response = await Raw.SendAsync(Request(HttpMethod.Post, LiveSetup.ChatPath + "/negotiate?negotiateVersion=1", token), _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
        return json.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private async Task<HttpStatusCode> SendAsync(string connection, string token, string frame)
    {
        using var response = await Raw.SendAsync(Request(HttpMethod.Post, $"{LiveSetup.ChatPath}?id={Uri.EscapeDataString(connection)}", token,
            frame + RecordSeparator), _timeout.Token);
        return response.StatusCode;
    }

    private static string Invocation(long to, string content) =>
        JsonSerializer.Serialize(new { type = 1, target = "SendMessage", arguments = new object[] { to, content } });

    private const string Handshake = "{\"protocol\":\"json\",\"version\":1}";

    private async Task<(long Id, string Token, Inbox<LiveMessage> Inbox)> ReceiverAsync()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var connection = HubClients.Build(f.Factory, LiveSetup.ChatPath, aToken);
        _owned.Add(connection);
        var inbox = connection.Record<LiveMessage>(LiveEvents.Message);
        await connection.StartedAsync();
        return (a, aToken, inbox);
    }

    private Task<List<string>> StoredAsync(long from, long to) => f.Factory.InScopeAsync(sp =>
        sp.GetRequiredService<TiktokDbContext>().Messages.Where(m => m.FromUserId == from && m.ToUserId == to)
            .OrderBy(m => m.Id).Select(m => m.Content).ToListAsync());

    [DatabaseFact]
    public async Task Long_polling_another_users_connection_id_is_refused_and_nothing_is_delivered()
    {
        var (a, _, inbox) = await ReceiverAsync();
        var (_, bToken) = await f.Http.RegisterAsync();
        var (c, cToken) = await f.Http.RegisterAsync();

        var id = await NegotiateAsync(cToken);
        var url = $"{LiveSetup.ChatPath}?id={Uri.EscapeDataString(id)}";
        using (var first = await Raw.SendAsync(Request(HttpMethod.Get, url, cToken), _timeout.Token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // the first poll answers at once: the transport is up
        Assert.Equal(HttpStatusCode.OK, await SendAsync(id, cToken, Handshake));

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(id, bToken, Invocation(a, "forged by b")));
        using (var stolenPoll = await Raw.SendAsync(Request(HttpMethod.Get, url, bToken), _timeout.Token))
            Assert.Equal(HttpStatusCode.Forbidden, stolenPoll.StatusCode);
        using (var stolenClose = await Raw.SendAsync(Request(HttpMethod.Delete, url, bToken), _timeout.Token))
            Assert.Equal(HttpStatusCode.Forbidden, stolenClose.StatusCode);
        await inbox.AssertNothingAsync();

        // The connection is C's and still works for C.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(id, cToken, Invocation(a, "from c")));
        var pushed = await inbox.NextAsync();
        Assert.Equal((c, a, "from c"), (pushed.FromUserId, pushed.ToUserId, pushed.Content));
        Assert.Equal(["from c"], await StoredAsync(c, a));
    }

    [DatabaseFact]
    public async Task Server_sent_events_another_users_connection_id_is_refused_and_nothing_is_delivered()
    {
        var (a, _, inbox) = await ReceiverAsync();
        var (_, bToken) = await f.Http.RegisterAsync();
        var (c, cToken) = await f.Http.RegisterAsync();

        var id = await NegotiateAsync(cToken);
        var url = $"{LiveSetup.ChatPath}?id={Uri.EscapeDataString(id)}";
        // B cannot take the stream before C opens it...
        using (var stolen = await Raw.SendAsync(Request(HttpMethod.Get, url, bToken, accept: "text/event-stream"),
                   HttpCompletionOption.ResponseHeadersRead, _timeout.Token))
            Assert.Equal(HttpStatusCode.Forbidden, stolen.StatusCode);
        var stream = await Raw.SendAsync(Request(HttpMethod.Get, url, cToken, accept: "text/event-stream"),
            HttpCompletionOption.ResponseHeadersRead, _timeout.Token);
        _owned.Add(new DisposeLater(stream));
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(id, cToken, Handshake));

        // ...nor send on it once it is open.
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(id, bToken, Invocation(a, "forged by b")));
        await inbox.AssertNothingAsync();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(id, cToken, Invocation(a, "from c")));
        var pushed = await inbox.NextAsync();
        Assert.Equal((c, a, "from c"), (pushed.FromUserId, pushed.ToUserId, pushed.Content));
        Assert.Equal(["from c"], await StoredAsync(c, a));
    }

    [DatabaseFact]
    public async Task A_WebSocket_on_another_users_connection_id_is_refused()
    {
        var (_, bToken) = await f.Http.RegisterAsync();
        var (_, cToken) = await f.Http.RegisterAsync();
        var id = await NegotiateAsync(cToken);
        Uri Socket(string token) => new(f.Factory.Server.BaseAddress,
            $"{LiveSetup.ChatPath}?id={Uri.EscapeDataString(id)}&access_token={Uri.EscapeDataString(token)}");

        var client = f.Factory.Server.CreateWebSocketClient();
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Socket(bToken), _timeout.Token));
        Assert.Contains("403", refused.Message);

        using var socket = await client.ConnectAsync(Socket(cToken), _timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(Handshake + RecordSeparator), System.Net.WebSockets.WebSocketMessageType.Text, true, _timeout.Token);
        var buffer = new byte[256];
        var answer = await socket.ReceiveAsync(buffer, _timeout.Token);
        Assert.Equal("{}" + RecordSeparator, Encoding.UTF8.GetString(buffer, 0, answer.Count));
    }

    [DatabaseFact]
    public async Task A_connection_negotiated_anonymously_on_the_videos_hub_cannot_be_taken_by_a_user()
    {
        var (_, bToken) = await f.Http.RegisterAsync();
        using var negotiated = await Raw.PostAsync(LiveSetup.VideosPath + "/negotiate?negotiateVersion=1", null, _timeout.Token);
        using var json = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync(_timeout.Token));
        var id = json.RootElement.GetProperty("connectionToken").GetString()!;
        using var poll = await Raw.SendAsync(Request(HttpMethod.Get, $"{LiveSetup.VideosPath}?id={Uri.EscapeDataString(id)}", bToken), _timeout.Token);
        Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        using var own = await Raw.GetAsync($"{LiveSetup.VideosPath}?id={Uri.EscapeDataString(id)}", _timeout.Token);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private sealed class DisposeLater(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
