using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Tiktok.Cluster;

public sealed record User(long Id, string Name, string Token);

/// <summary>An answer: HTTP status, content type, raw text and the JSON when it parsed.</summary>
public sealed record Reply(int Http, string? ContentType, string Text, JsonElement? Json)
{
    public long Status => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("status_code", out var s) ? s.GetInt64() : -1;
    public bool Ok => Http == 200 && Status == 0;
    public JsonElement Body => Json ?? throw new InvalidOperationException("not JSON: " + this);
    public override string ToString() => $"HTTP {Http} {ContentType}: {(Text.Length > 300 ? Text[..300] + "…" : Text)}";
}

/// <summary>REST compat and GraphQL over plain HTTP against one base URL (an instance or nginx).</summary>
public sealed class Api(string baseUrl)
{
    private static int _counter;
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..6];

    public static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromSeconds(15),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    { Timeout = TimeSpan.FromSeconds(20) };

    public string BaseUrl => baseUrl;

    public Task<Reply> Get(string path, params (string, object)[] query) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, baseUrl + path + Query(query)));

    public Task<Reply> Post(string path, params (string, object)[] form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, baseUrl + path)
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Item1, Convert.ToString(p.Item2, System.Globalization.CultureInfo.InvariantCulture)!))),
        });

    public Task<Reply> GraphQL(string? token, string query, object? variables = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return SendAsync(request);
    }

    public static async Task<Reply> SendAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        using var answer = await (client ?? Http).SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        JsonElement? json = null;
        try { using var doc = JsonDocument.Parse(text); json = doc.RootElement.Clone(); }
        catch (JsonException) { }
        return new Reply((int)answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, text, json);
    }

    private static string Query((string, object)[] query) =>
        query.Length == 0 ? "" : "?" + string.Join('&', query.Select(p =>
            Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(Convert.ToString(p.Item2, System.Globalization.CultureInfo.InvariantCulture)!)));

    public static string NewName(string prefix) => $"{prefix}{RunId}{Interlocked.Increment(ref _counter)}";

    public async Task<User> RegisterAsync(string prefix = "u")
    {
        var name = NewName(prefix);
        var reply = await Post("/douyin/user/register/", ("username", name), ("password", "secret123"));
        Assert.True(reply.Ok, $"register on {baseUrl}: {reply}");
        return new User(reply.Body.GetProperty("user_id").GetInt64(), name, reply.Body.GetProperty("token").GetString()!);
    }

    public async Task<User> LoginAsync(User user)
    {
        var reply = await Post("/douyin/user/login/", ("username", user.Name), ("password", "secret123"));
        Assert.True(reply.Ok, $"login on {baseUrl}: {reply}");
        Assert.Equal(user.Id, reply.Body.GetProperty("user_id").GetInt64());
        return user with { Token = reply.Body.GetProperty("token").GetString()! };
    }

    public Task<Reply> SendMessage(User from, long to, string content) =>
        Post("/douyin/message/action/", ("token", from.Token), ("to_user_id", to), ("action_type", 1), ("content", content));

    public async Task<List<JsonElement>> ChatAsync(User me, long peer, long after = 0)
    {
        var reply = await Get("/douyin/message/chat/", ("token", me.Token), ("to_user_id", peer), ("pre_msg_time", after));
        Assert.True(reply.Ok, $"chat on {baseUrl}: {reply}");
        return reply.Body.TryGetProperty("message_list", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList() : [];
    }

    public Task<Reply> Like(User user, long video, int action = 1) =>
        Post("/douyin/favorite/action/", ("token", user.Token), ("video_id", video), ("action_type", action));

    /// <summary>Publishes the sample clip and answers the new video's id.</summary>
    public async Task<long> PublishAsync(User author)
    {
        var body = new MultipartFormDataContent();
        body.Add(new StringContent(author.Token), "token");
        body.Add(new StringContent(NewName("clip")), "title");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4")));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("video/mp4");
        body.Add(file, "data", "clip.mp4");
        var reply = await SendAsync(new HttpRequestMessage(HttpMethod.Post, baseUrl + "/douyin/publish/action/") { Content = body });
        Assert.True(reply.Ok, $"publish on {baseUrl}: {reply}");
        var list = await Get("/douyin/publish/list/", ("user_id", author.Id), ("token", author.Token));
        Assert.True(list.Ok, $"publish list: {list}");
        return list.Body.GetProperty("video_list").EnumerateArray().Max(v => v.GetProperty("id").GetInt64());
    }
}

/// <summary>SignalR clients over real WebSockets, with the token in the access_token query as browsers send it.</summary>
public static class Hubs
{
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);

    /// <param name="firstUrl">Where the first connection goes (an instance); reconnects go to <paramref name="url"/>.</param>
    public static HubConnection Build(string url, string path, string? token, string? firstUrl = null, bool reconnect = false)
    {
        var query = token is null ? "" : "?access_token=" + Uri.EscapeDataString(token);
        var first = firstUrl is null ? 0 : 1;
        var builder = new HubConnectionBuilder().WithUrl(url + path + query, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            if (firstUrl is not null)
            {
                o.WebSocketFactory = async (context, ct) =>
                {
                    var target = context.Uri;
                    if (Interlocked.Exchange(ref first, 0) == 1)
                        target = new Uri(firstUrl.Replace("http://", "ws://") + path + query);
                    var socket = new System.Net.WebSockets.ClientWebSocket();
                    await socket.ConnectAsync(target, ct);
                    return socket;
                };
            }
        });
        if (reconnect) builder.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)]);
        return builder.Build();
    }

    public static async Task<HubConnection> StartedAsync(this HubConnection connection)
    {
        using var cts = new CancellationTokenSource(PushTimeout);
        await connection.StartAsync(cts.Token);
        return connection;
    }

    public static Inbox Record(this HubConnection connection, string name)
    {
        var inbox = new Inbox();
        connection.On<JsonElement>(name, inbox.Add);
        return inbox;
    }
}

/// <summary>Pushes one connection received.</summary>
public sealed class Inbox
{
    private readonly Channel<JsonElement> _items = Channel.CreateUnbounded<JsonElement>();

    public void Add(JsonElement item) => _items.Writer.TryWrite(item);

    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Hubs.PushTimeout);
        try { return await _items.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"no push within {(timeout ?? Hubs.PushTimeout).TotalSeconds} s"); }
    }

    public bool TryNext(out JsonElement item) => _items.Reader.TryRead(out item);

    /// <summary>The next push that matches, skipping others, or null on timeout.</summary>
    public async Task<JsonElement?> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var item = await _items.Reader.ReadAsync(cts.Token);
                if (match(item)) return item;
            }
        }
        catch (OperationCanceledException) { return null; }
    }

    /// <summary>Everything that arrives within <paramref name="quiet"/>.</summary>
    public async Task<List<JsonElement>> DrainAsync(TimeSpan quiet)
    {
        await Task.Delay(quiet);
        var list = new List<JsonElement>();
        while (_items.Reader.TryRead(out var item)) list.Add(item);
        return list;
    }
}
