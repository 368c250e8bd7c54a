using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Tiktok.Cluster;

/// <summary>GraphQL subscriptions (graphql-transport-ws) on both instances and through nginx, fed across instances by Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SubscriptionTests(ClusterFixture cluster)
{
    private static async Task<ClientWebSocket> ConnectAsync(string baseUrl, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var cts = new CancellationTokenSource(Hubs.PushTimeout);
        await socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://") + "/graphql"), cts.Token);
        await SendAsync(socket, new { type = "connection_init", payload = new { token } });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, Hubs.PushTimeout))?.GetProperty("type").GetString());
        await SendAsync(socket, new { id = "m", type = "subscribe", payload = new { query = "subscription { messages { fromUserId toUserId content } }" } });
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message, or null when none comes within <paramref name="wait"/>.</summary>
    private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, TimeSpan wait)
    {
        var buffer = new byte[64 * 1024];
        var length = 0;
        using var cts = new CancellationTokenSource(wait);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
                if (received.MessageType == WebSocketMessageType.Close) return null;
                length += received.Count;
                if (received.EndOfMessage) return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [ClusterFact]
    public async Task A_message_sent_on_instance_1_reaches_subscribers_on_both_instances_and_behind_nginx_once()
    {
        var one = new Api(cluster.InstanceUrl(1));
        var alice = await one.RegisterAsync("salice");
        var bob = await one.RegisterAsync("sbob");
        var sockets = new[]
        {
            await ConnectAsync(cluster.InstanceUrl(1), bob.Token),
            await ConnectAsync(cluster.InstanceUrl(2), bob.Token),
            await ConnectAsync(cluster.LbUrl, bob.Token),
        };
        try
        {
            await Task.Delay(500); // each subscribe is live once its operation has run
            var sent = await one.SendMessage(alice, bob.Id, "subscribed across the cluster");
            Assert.True(sent.Ok, sent.ToString());
            foreach (var (socket, where) in sockets.Zip(new[] { "instance 1", "instance 2", "nginx" }))
            {
                var next = await ReceiveAsync(socket, Hubs.PushTimeout);
                Assert.True(next is not null, $"no message on {where}");
                Assert.Equal("next", next.Value.GetProperty("type").GetString());
                var message = next.Value.GetProperty("payload").GetProperty("data").GetProperty("messages");
                Assert.Equal((alice.Id.ToString(), "subscribed across the cluster"),
                    (message.GetProperty("fromUserId").GetString(), message.GetProperty("content").GetString()));
                Assert.Null(await ReceiveAsync(socket, TimeSpan.FromMilliseconds(400))); // exactly once
            }
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
