using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Tiktok.Server.Live;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Live;

/// <summary>
/// One host for a test class, on one database (one PostgreSQL database for the whole class);
/// every test makes its own users and videos.
/// </summary>
public abstract class LiveFixture : IDisposable
{
    public TiktokFactory Factory { get; }
    public HttpClient Http { get; }

    private LiveFixture(string database)
    {
        Factory = new TiktokFactory(database: database);
        Http = Factory.CreateClient();
    }

    public sealed class Sqlite() : LiveFixture(TestDatabases.Sqlite);

    public sealed class Postgres() : LiveFixture(TestDatabases.Postgres);

    public void Dispose()
    {
        Factory.Dispose();
        Factory.DeleteData();
    }
}

/// <summary>SignalR clients against the in-memory test server.</summary>
public static class HubClients
{
    /// <summary>Time allowed for a push to arrive; a failing test fails after it instead of hanging.</summary>
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a push that must not come.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>A connection over long polling with the token in the Authorization header (or none).</summary>
    public static HubConnection Build(TiktokFactory f, string path, string? token)
    {
        var server = f.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
    }

    /// <summary>A WebSocket connection with the token in the <c>access_token</c> query, as browsers send it.</summary>
    public static HubConnection BuildWebSocket(TiktokFactory f, string path, string? token)
    {
        var server = f.Server;
        var query = token is null ? "" : "?access_token=" + Uri.EscapeDataString(token);
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path + query), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                    await server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .Build();
    }

    public static async Task<HubConnection> StartedAsync(this HubConnection connection)
    {
        using var cts = new CancellationTokenSource(PushTimeout);
        await connection.StartAsync(cts.Token);
        return connection;
    }

    public static async Task<HubConnection> ChatAsync(this LiveFixture f, string token) =>
        await Build(f.Factory, LiveSetup.ChatPath, token).StartedAsync();

    public static async Task<HubConnection> VideosAsync(this LiveFixture f, string? token = null) =>
        await Build(f.Factory, LiveSetup.VideosPath, token).StartedAsync();

    /// <summary>Records every <paramref name="name"/> message the connection receives.</summary>
    public static Inbox<T> Record<T>(this HubConnection connection, string name)
    {
        var inbox = new Inbox<T>();
        connection.On<T>(name, inbox.Add);
        return inbox;
    }
}

/// <summary>Pushes received by one connection, awaited with a timeout.</summary>
public sealed class Inbox<T>
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();

    public void Add(T item) => _items.Writer.TryWrite(item);

    public async Task<T> NextAsync()
    {
        using var cts = new CancellationTokenSource(HubClients.PushTimeout);
        try
        {
            return await _items.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {typeof(T).Name} push within {HubClients.PushTimeout.TotalSeconds} s");
        }
    }

    /// <summary>Fails if anything (more) arrives within <see cref="HubClients.Quiet"/>.</summary>
    public async Task AssertNothingAsync()
    {
        await Task.Delay(HubClients.Quiet);
        Assert.False(_items.Reader.TryRead(out var extra), $"unexpected push: {extra}");
    }
}
