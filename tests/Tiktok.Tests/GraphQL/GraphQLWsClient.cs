using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>A small graphql-transport-ws client over the test server's WebSockets, for the subscription tests.</summary>
public sealed class GraphQLWsClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    private readonly WebSocket _socket;
    private Task<JsonElement?>? _pending;

    private GraphQLWsClient(WebSocket socket) => _socket = socket;

    public static async Task<GraphQLWsClient> ConnectAsync(TiktokFactory f, string subprotocol = "graphql-transport-ws")
    {
        var client = f.Server.CreateWebSocketClient();
        client.SubProtocols.Add(subprotocol);
        var socket = await client.ConnectAsync(new Uri(f.Server.BaseAddress, "graphql"), CancellationToken.None);
        return new GraphQLWsClient(socket);
    }

    /// <summary>Connects and completes the handshake (connection_init with the token, if any; then connection_ack).</summary>
    public static async Task<GraphQLWsClient> ReadyAsync(TiktokFactory f, string? token = null)
    {
        var client = await ConnectAsync(f);
        await client.SendAsync(token is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { token } });
        Assert.Equal("connection_ack", (await client.NextAsync()).GetProperty("type").GetString());
        return client;
    }

    public string? Subprotocol => _socket.SubProtocol;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next server message; fails if none comes in time or the socket closes.</summary>
    public async Task<JsonElement> NextAsync()
    {
        var next = await NextOrCloseAsync(Timeout);
        Assert.True(next is not null, $"the server closed the socket ({_socket.CloseStatus} {_socket.CloseStatusDescription}) instead of sending a message");
        return next!.Value;
    }

    /// <summary>The next <c>next</c> message of <paramref name="id"/>'s payload data.</summary>
    public async Task<JsonElement> DataAsync(string id, string field)
    {
        var message = await NextAsync();
        Assert.Equal(("next", id), (message.GetProperty("type").GetString(), message.GetProperty("id").GetString()));
        var payload = message.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out var errors), $"errors: {errors}");
        return payload.GetProperty("data").GetProperty(field);
    }

    /// <summary>Asserts that no message arrives for a short while.</summary>
    public async Task AssertNothingAsync()
    {
        var next = await NextOrCloseAsync(Quiet, allowTimeout: true);
        Assert.True(next is null, $"unexpected message: {next}");
    }

    /// <summary>Waits for the server's close frame and returns its code.</summary>
    public async Task<int> ClosedAsync()
    {
        while (true)
        {
            var next = await NextOrCloseAsync(Timeout);
            if (next is null) return (int)_socket.CloseStatus!.Value;
        }
    }

    public string? CloseReason => _socket.CloseStatusDescription;

    private async Task<JsonElement?> NextOrCloseAsync(TimeSpan wait, bool allowTimeout = false)
    {
        _pending ??= ReceiveAsync();
        var done = await Task.WhenAny(_pending, Task.Delay(wait));
        if (done != _pending)
        {
            if (allowTimeout) return null;
            Assert.Fail($"no message within {wait.TotalSeconds} s");
        }
        var result = await _pending;
        _pending = null;
        return result;
    }

    private async Task<JsonElement?> ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var received = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                try
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                }
                catch (Exception e) when (e is WebSocketException or InvalidOperationException or ObjectDisposedException) { }
                return null;
            }
            length += received.Count;
            if (received.EndOfMessage) return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        _socket.Dispose();
    }
}
