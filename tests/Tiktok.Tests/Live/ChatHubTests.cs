using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Live;

/// <summary>/hubs/chat against the real host: pushes to every device of both users, catch-up, auth, isolation. On SQLite and on PostgreSQL.</summary>
public abstract class ChatHubTests(LiveFixture f) : IAsyncLifetime
{
    public sealed class Sqlite(LiveFixture.Sqlite f) : ChatHubTests(f), IClassFixture<LiveFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(LiveFixture.Postgres f) : ChatHubTests(f), IClassFixture<LiveFixture.Postgres>;

    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }

    private async Task<(HubConnection Connection, Inbox<LiveMessage> Inbox)> DeviceAsync(string token)
    {
        var connection = HubClients.Build(f.Factory, LiveSetup.ChatPath, token);
        var inbox = connection.Record<LiveMessage>(LiveEvents.Message);
        _connections.Add(connection);
        await connection.StartedAsync();
        return (connection, inbox);
    }

    private Task<JsonElement> SendByRestAsync(string token, long to, string content) =>
        f.Http.PostFormAsync("/douyin/message/action/",
            ("token", token), ("to_user_id", to.ToString()), ("action_type", "1"), ("content", content));

    [DatabaseFact]
    public async Task A_message_sent_over_REST_reaches_every_device_of_both_users_exactly_once_and_nobody_else()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (_, cToken) = await f.Http.RegisterAsync();
        var a1 = await DeviceAsync(aToken);
        var a2 = await DeviceAsync(aToken);
        var b1 = await DeviceAsync(bToken);
        var b2 = await DeviceAsync(bToken);
        var c1 = await DeviceAsync(cToken);

        Assert.Equal(0, (await SendByRestAsync(aToken, b, "hello over REST")).Status());

        var stored = (await f.Http.GetJsonAsync($"/douyin/message/chat/?token={bToken}&to_user_id={a}"))
            .GetProperty("message_list")[0];
        foreach (var device in new[] { a1, a2, b1, b2 })
        {
            var pushed = await device.Inbox.NextAsync();
            Assert.Equal(stored.GetProperty("id").GetInt64(), pushed.Id);
            Assert.Equal(stored.GetProperty("create_time").GetInt64(), pushed.CreateTime);
            Assert.Equal((a, b, "hello over REST"), (pushed.FromUserId, pushed.ToUserId, pushed.Content));
        }
        foreach (var device in new[] { a1, a2, b1, b2, c1 }) await device.Inbox.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task Each_message_names_its_predecessor_in_the_conversation_so_a_client_can_see_a_gap()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (_, cToken) = await f.Http.RegisterAsync();
        var b1 = await DeviceAsync(bToken);

        Assert.Equal(0, (await SendByRestAsync(aToken, b, "one")).Status());
        Assert.Equal(0, (await SendByRestAsync(cToken, b, "another conversation")).Status());
        Assert.Equal(0, (await SendByRestAsync(bToken, a, "two")).Status());
        Assert.Equal(0, (await SendByRestAsync(aToken, b, "three")).Status());

        var pushed = new List<LiveMessage>();
        for (var i = 0; i < 4; i++) pushed.Add(await b1.Inbox.NextAsync());
        var withA = pushed.Where(m => m.FromUserId == a || m.ToUserId == a).ToList();
        Assert.Equal(["one", "two", "three"], withA.Select(m => m.Content));
        Assert.Equal([0, withA[0].CreateTime, withA[1].CreateTime], withA.Select(m => m.PrevCreateTime));
        Assert.Equal(0, pushed.Single(m => m.Content == "another conversation").PrevCreateTime);

        // History chains its page from "after": the first entry's predecessor is the page's start.
        var history = await b1.Connection.InvokeAsync<List<LiveMessage>>("History", a, withA[0].CreateTime);
        Assert.Equal(["two", "three"], history.Select(m => m.Content));
        Assert.Equal([withA[0].CreateTime, withA[1].CreateTime], history.Select(m => m.PrevCreateTime));
    }

    [DatabaseFact]
    public async Task A_message_sent_through_the_hub_is_returned_and_pushed_once_to_each_device()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (_, cToken) = await f.Http.RegisterAsync();
        var a1 = await DeviceAsync(aToken);
        var a2 = await DeviceAsync(aToken);
        var b1 = await DeviceAsync(bToken);
        var b2 = await DeviceAsync(bToken);
        var c1 = await DeviceAsync(cToken);

        var sent = await a1.Connection.InvokeAsync<LiveMessage>("SendMessage", b, "hello over the hub");
        Assert.Equal((a, b, "hello over the hub"), (sent.FromUserId, sent.ToUserId, sent.Content));
        Assert.True(sent.Id > 0 && sent.CreateTime > 0);

        foreach (var device in new[] { a1, a2, b1, b2 }) Assert.Equal(sent, await device.Inbox.NextAsync());
        foreach (var device in new[] { a1, a2, b1, b2, c1 }) await device.Inbox.AssertNothingAsync();

        // REST polling sees the same message, same id and time.
        var polled = (await f.Http.GetJsonAsync($"/douyin/message/chat/?token={bToken}&to_user_id={a}"))
            .GetProperty("message_list");
        Assert.Equal(1, polled.GetArrayLength());
        Assert.Equal(sent.Id, polled[0].GetProperty("id").GetInt64());
        Assert.Equal(sent.CreateTime, polled[0].GetProperty("create_time").GetInt64());
    }

    [DatabaseFact]
    public async Task The_pushed_message_has_the_documented_JSON_shape()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var connection = HubClients.Build(f.Factory, LiveSetup.ChatPath, bToken);
        _connections.Add(connection);
        var inbox = connection.Record<JsonElement>(LiveEvents.Message);
        await connection.StartedAsync();

        await SendByRestAsync(aToken, b, "shape");
        var json = await inbox.NextAsync();
        Assert.Equal(["id", "from_user_id", "to_user_id", "content", "create_time", "prev_create_time"],
            json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(a, json.GetProperty("from_user_id").GetInt64());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("create_time").ValueKind);
    }

    [DatabaseFact]
    public async Task A_dropped_connection_catches_up_with_history_after_its_last_message()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var b1 = await DeviceAsync(bToken);
        var witness = await DeviceAsync(bToken); // another device of b's that stays connected
        await SendByRestAsync(aToken, b, "one");
        var last = await b1.Inbox.NextAsync();
        await witness.Inbox.NextAsync();

        await b1.Connection.StopAsync(); // dropped: what follows is missed
        await SendByRestAsync(aToken, b, "two");
        await SendByRestAsync(aToken, b, "three");
        await SendByRestAsync(bToken, a, "four"); // from another device of b's
        // Pushes go out after the commit, asynchronously: once the witness has all three, none is
        // still on its way to a device that connects now.
        for (var i = 0; i < 3; i++) await witness.Inbox.NextAsync();

        var again = await DeviceAsync(bToken);
        var missed = await again.Connection.InvokeAsync<List<LiveMessage>>("History", a, last.CreateTime);
        Assert.Equal(["two", "three", "four"], missed.Select(m => m.Content));
        Assert.True(missed.Zip(missed.Skip(1)).All(p => p.First.CreateTime < p.Second.CreateTime));

        // REST polling with pre_msg_time agrees.
        var polled = (await f.Http.GetJsonAsync(
            $"/douyin/message/chat/?token={bToken}&to_user_id={a}&pre_msg_time={last.CreateTime}")).GetProperty("message_list");
        Assert.Equal(missed.Select(m => m.Id), polled.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
        await again.Inbox.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task History_only_ever_returns_the_callers_own_conversations()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var (c, cToken) = await f.Http.RegisterAsync();
        await SendByRestAsync(aToken, b, "a to b");
        await SendByRestAsync(bToken, a, "b to a");
        await SendByRestAsync(cToken, a, "c to a");

        var eve = await DeviceAsync(cToken);
        var withA = await eve.Connection.InvokeAsync<List<LiveMessage>>("History", a, 0L);
        Assert.Equal(["c to a"], withA.Select(m => m.Content));
        var withB = await eve.Connection.InvokeAsync<List<LiveMessage>>("History", b, 0L);
        Assert.Empty(withB);
        Assert.All(withA, m => Assert.Contains(c, new[] { m.FromUserId, m.ToUserId }));

        var ab = await (await DeviceAsync(aToken)).Connection.InvokeAsync<List<LiveMessage>>("History", b, 0L);
        Assert.Equal(["a to b", "b to a"], ab.Select(m => m.Content));
    }

    [DatabaseFact]
    public async Task An_unauthenticated_or_badly_signed_connection_is_refused()
    {
        var (_, token) = await f.Http.RegisterAsync();
        foreach (var bad in new string?[] { null, "not-a-jwt", token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA") })
        {
            await using var connection = HubClients.Build(f.Factory, LiveSetup.ChatPath, bad);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
        await using var socket = HubClients.BuildWebSocket(f.Factory, LiveSetup.ChatPath, null);
        await Assert.ThrowsAnyAsync<Exception>(() => socket.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, socket.State);
    }

    [DatabaseFact]
    public async Task A_WebSocket_authenticated_by_the_access_token_query_receives_pushes()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var socket = HubClients.BuildWebSocket(f.Factory, LiveSetup.ChatPath, bToken);
        _connections.Add(socket);
        var inbox = socket.Record<LiveMessage>(LiveEvents.Message);
        await socket.StartedAsync();

        await SendByRestAsync(aToken, b, "over a socket");
        Assert.Equal("over a socket", (await inbox.NextAsync()).Content);
        var sent = await socket.InvokeAsync<LiveMessage>("SendMessage", a, "back");
        Assert.Equal(sent, await inbox.NextAsync());
    }

    [DatabaseFact]
    public async Task Domain_refusals_become_hub_errors_with_their_stable_code()
    {
        var (me, token) = await f.Http.RegisterAsync();
        var device = await DeviceAsync(token);

        var missing = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<LiveMessage>("SendMessage", 987654321L, "hi"));
        Assert.EndsWith("HubException: 3001: user 987654321 does not exist", missing.Message);
        var self = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<LiveMessage>("SendMessage", me, "hi"));
        Assert.Contains("HubException: 4003: ", self.Message);
        var blank = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<LiveMessage>("SendMessage", me + 1, "  "));
        Assert.Contains("HubException: 1005: ", blank.Message);
        var tooLong = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<LiveMessage>("SendMessage", me, new string('x', 1001)));
        Assert.Contains("HubException: 1004: ", tooLong.Message);
        var negative = await Assert.ThrowsAsync<HubException>(() => device.Connection.InvokeAsync<List<LiveMessage>>("History", me, -1L));
        Assert.Contains("HubException: 1003: ", negative.Message);

        // The connection survives refusals.
        Assert.Equal(HubConnectionState.Connected, device.Connection.State);
        await device.Inbox.AssertNothingAsync();
    }

    [DatabaseFact]
    public async Task A_message_over_the_size_limit_closes_the_connection()
    {
        var (_, token) = await f.Http.RegisterAsync();
        var (b, _) = await f.Http.RegisterAsync();
        var device = await DeviceAsync(token);
        var closed = new TaskCompletionSource();
        device.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await Assert.ThrowsAnyAsync<Exception>(() =>
            device.Connection.InvokeAsync<LiveMessage>("SendMessage", b, new string('x', (int)LiveSetup.MaxReceiveBytes + 1)));
        await closed.Task.WaitAsync(HubClients.PushTimeout);
    }
}
