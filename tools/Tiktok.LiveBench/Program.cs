// Live push benchmark: N SignalR clients watch one video on /hubs/videos while likes and unlikes
// go through REST; reports push latency percentiles, then how many connections one server holds
// and its RSS. See docs/benchmarks-live.md for the commands and figures.
using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

var o = Options.Parse(args);
if (o is null) return 2;
var http = new HttpClient { BaseAddress = new Uri(o.Url), Timeout = TimeSpan.FromSeconds(30) };
Console.WriteLine($"live bench against {o.Url} (watchers on {o.WatchUrl}): {o.Clients} {o.ClientKind} clients, {o.Likes} likes/unlikes, hold up to {o.Hold}, server pid {o.ServerPid?.ToString() ?? "-"}");

// Users who like and unlike in turn: each request changes the count by one, so each is one push.
var likers = new List<string>();
for (var i = 0; i < o.Likers; i++) likers.Add(await Rest.RegisterAsync(http, $"lb{Guid.NewGuid():N}"[..24]));
var videoId = o.VideoId ?? await Rest.AnyVideoAsync(http, likers[0], o.VideoFile);
Console.WriteLine($"video {videoId}, {likers.Count} likers; server RSS {Rss(o.ServerPid)} before connecting; load average {LoadAverage()}");

// ---- Phase 1: push latency with N clients -------------------------------------------------
var clients = new List<Watcher>();
using var pings = new CancellationTokenSource();
_ = RawClient.PingLoopAsync(clients, pings.Token);
var sw = Stopwatch.StartNew();
await OpenAsync(clients, o.Clients, o.Likes + o.Warmup);
Console.WriteLine($"{clients.Count} clients connected and watching in {sw.Elapsed.TotalSeconds:0.0} s; server RSS {Rss(o.ServerPid)}");

var liked = new bool[likers.Count];
var (gc0, gcPause) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
var sent = new List<(long Send, long Ack)>();
var lost = 0;
for (var i = 0; i < o.Warmup + o.Likes; i++)
{
    var liker = i % likers.Count;
    var t0 = Stopwatch.GetTimestamp();
    await Rest.LikeAsync(http, likers[liker], videoId, like: !liked[liker]);
    var t1 = Stopwatch.GetTimestamp();
    liked[liker] = !liked[liker];
    sent.Add((t0, t1));
    lost += await WaitAllAsync(clients, i + 1);
    if (o.PauseMs > 0) await Task.Delay(o.PauseMs);
}
var fromAck = new List<double>();
var fromSend = new List<double>();
for (var i = o.Warmup; i < sent.Count; i++)
    foreach (var c in clients)
        if (c.Received > i)
        {
            fromAck.Add(Ms(c.Times[i] - sent[i].Ack));
            fromSend.Add(Ms(c.Times[i] - sent[i].Send));
        }
var rest = sent.Skip(o.Warmup).Select(s => Ms(s.Ack - s.Send)).ToList();
// Per change: when the first and the last watcher got it (server fan-out and client-side spread).
var first = new List<double>();
var last = new List<double>();
for (var i = o.Warmup; i < sent.Count; i++)
{
    var got = clients.Where(c => c.Received > i).Select(c => c.Times[i]).ToList();
    if (got.Count == 0) continue;
    first.Add(Ms(got.Min() - sent[i].Ack));
    last.Add(Ms(got.Max() - sent[i].Ack));
}
Console.WriteLine();
Console.WriteLine($"push latency, {clients.Count} watchers, {o.Likes} changes ({fromAck.Count} receipts, {lost} missing after 5 s):");
Report("  REST acknowledged -> receipt", fromAck);
Report("  REST request sent -> receipt", fromSend);
Report("  REST round trip (send -> ack)", rest);
Report("  first watcher, from ack", first);
Report("  last watcher, from ack", last);
Console.WriteLine($"  bench process during the changes: {GC.CollectionCount(0) - gc0} collections, {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:0} ms paused in GC; load average after: {LoadAverage()}");

// ---- Phase 2: connections held -------------------------------------------------------------
if (o.Hold > clients.Count)
{
    Console.WriteLine();
    Console.WriteLine("connections held (each watching the video): connections, server RSS, client-side connect time");
    while (clients.Count < o.Hold)
    {
        var target = Math.Min(o.Hold, clients.Count + o.Step);
        var adding = target - clients.Count;
        sw.Restart();
        try
        {
            await OpenAsync(clients, target - clients.Count, o.HoldLikes);
        }
        catch (Exception ex)
        {
            Console.WriteLine($"  stopped at {clients.Count}: {ex.GetType().Name}: {ex.Message}");
            break;
        }
        await Task.Delay(500);
        Console.WriteLine($"  {clients.Count,7}  RSS {Rss(o.ServerPid),12}  (+{adding} in {sw.Elapsed.TotalSeconds:0.0} s)");
    }
    // Every held connection still receives: a few changes reaching all of them.
    var heldAck = new List<double>();
    var heldLost = 0;
    var heldClients = clients.Skip(o.Clients).ToList();
    foreach (var c in heldClients) c.Received = 0;
    for (var i = 0; i < o.HoldLikes; i++)
    {
        var liker = i % likers.Count;
        await Rest.LikeAsync(http, likers[liker], videoId, like: !liked[liker]);
        var ack = Stopwatch.GetTimestamp();
        liked[liker] = !liked[liker];
        // The first clients keep counting from phase 1; only the held ones are checked here.
        heldLost += await WaitAllAsync(heldClients, i + 1);
        foreach (var c in heldClients) if (c.Received > i) heldAck.Add(Ms(c.Times[i] - ack));
    }
    Console.WriteLine($"with {clients.Count} connections: {o.HoldLikes} changes, {heldAck.Count} receipts on the {heldClients.Count} held connections, {heldLost} missing; server RSS {Rss(o.ServerPid)}");
    Report("  REST acknowledged -> receipt", heldAck);
}

pings.Cancel();
foreach (var batch in clients.Chunk(200)) await Task.WhenAll(batch.Select(c => c.DisposeAsync().AsTask()));
return lost == 0 ? 0 : 1;

async Task OpenAsync(List<Watcher> into, int count, int capacity)
{
    var opened = new Watcher[count];
    using var gate = new SemaphoreSlim(o.ConnectConcurrency);
    await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            opened[i] = o.ClientKind == "raw"
                ? await RawClient.ConnectAsync(o.WatchUrl, videoId, capacity)
                : await HubClient.ConnectAsync(o.WatchUrl, videoId, capacity);
        }
        finally { gate.Release(); }
    }));
    lock (into) into.AddRange(opened);
}

static async Task<int> WaitAllAsync(List<Watcher> clients, int received)
{
    var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
    while (true)
    {
        var missing = clients.Count(c => c.Received < received);
        if (missing == 0) return 0;
        if (Stopwatch.GetTimestamp() > deadline) return missing;
        await Task.Delay(1);
    }
}

static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

static void Report(string what, List<double> values)
{
    if (values.Count == 0) { Console.WriteLine($"{what}: no samples"); return; }
    values.Sort();
    double P(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p / 100 * values.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: p50 {P(50):0.00} ms  p90 {P(90):0.00} ms  p99 {P(99):0.00} ms  max {values[^1]:0.00} ms  (n={values.Count})"));
}

static string LoadAverage()
{
    try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "n/a"; }
}

static string Rss(int? pid)
{
    if (pid is null) return "n/a";
    try
    {
        var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
        if (status is null) return "n/a";
        var kb = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{kb / 1024.0:0} MiB";
    }
    catch (IOException) { return "gone"; }
}

/// <summary>The pushed counts (only their arrival is measured).</summary>
#pragma warning disable IDE1006 // the hub's wire names
sealed record Counts(long video_id, long favorite_count, long comment_count);
#pragma warning restore IDE1006

/// <summary>One watcher: when each counts push arrived, in order.</summary>
abstract class Watcher : IAsyncDisposable
{
    public long[] Times { get; }
    private int _received;
    private long _last = -1;
    public int Received { get => Volatile.Read(ref _received); set => Volatile.Write(ref _received, value); }

    protected Watcher(int capacity) => Times = new long[capacity];

    /// <summary>Records a counts push that arrived at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    protected void OnCounts(long favoriteCount, long now)
    {
        // Each measured change moves the count by one; a repeated value (a correction) is not a new change.
        if (favoriteCount == _last) return;
        _last = favoriteCount;
        var i = _received;
        if (i < Times.Length) Times[i] = now;
        Volatile.Write(ref _received, i + 1);
    }

    public abstract ValueTask DisposeAsync();
}

/// <summary>A full SignalR client (<see cref="HubConnection"/>), as an app built on the .NET client would run.</summary>
sealed class HubClient : Watcher
{
    private readonly HubConnection _connection;

    private HubClient(HubConnection connection, int capacity) : base(capacity)
    {
        _connection = connection;
        connection.On<Counts>("counts", counts => OnCounts(counts.favorite_count, Stopwatch.GetTimestamp()));
    }

    public static async Task<Watcher> ConnectAsync(string url, long videoId, int capacity)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(url), "/hubs/videos"), x =>
            {
                x.Transports = HttpTransportType.WebSockets;
                x.SkipNegotiation = true;
            })
            .Build();
        var c = new HubClient(connection, capacity);
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("Watch", videoId);
        return c;
    }

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>
/// A bare WebSocket speaking the SignalR JSON protocol by hand (what a browser or app client does
/// with skipNegotiation): handshake, one Watch invocation, pings every 10 s, and one receive loop
/// that finds each record's type, target and favorite_count by searching the bytes. Nothing is
/// allocated per received message, so the measuring process stays out of the way of the measure.
/// </summary>
sealed class RawClient : Watcher
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _watching = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private Task _receiving = Task.CompletedTask;

    private RawClient(int capacity) : base(capacity) => _socket.Options.KeepAliveInterval = TimeSpan.Zero;

    public static async Task<Watcher> ConnectAsync(string url, long videoId, int capacity)
    {
        var c = new RawClient(capacity);
        var uri = new UriBuilder(new Uri(new Uri(url), "/hubs/videos")) { Scheme = url.StartsWith("https") ? "wss" : "ws" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await c._socket.ConnectAsync(uri, timeout.Token);
        c._receiving = c.ReceiveLoopAsync();
        await c._socket.SendAsync(Handshake, WebSocketMessageType.Text, true, timeout.Token);
        await c._handshake.Task.WaitAsync(timeout.Token);
        var watch = Encoding.UTF8.GetBytes(
            $"{{\"type\":1,\"invocationId\":\"w\",\"target\":\"Watch\",\"arguments\":[{videoId.ToString(CultureInfo.InvariantCulture)}]}}\u001e");
        await c._socket.SendAsync(watch, WebSocketMessageType.Text, true, timeout.Token);
        await c._watching.Task.WaitAsync(timeout.Token);
        return c;
    }

    /// <summary>The server closes a connection it has not heard from for 30 s (ClientTimeoutInterval).</summary>
    public static async Task PingLoopAsync(List<Watcher> clients, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                Watcher[] all;
                lock (clients) all = [.. clients];
                foreach (var c in all)
                    if (c is RawClient { _socket.State: WebSocketState.Open } raw)
                        try { await raw._socket.SendAsync(Ping, WebSocketMessageType.Text, true, ct); }
                        catch (WebSocketException) { }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReceiveLoopAsync()
    {
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == _buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(filled), CancellationToken.None);
                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close) break;
                filled += result.Count;
                filled = Consume(filled, now);
            }
        }
        catch (WebSocketException) { }
        catch (OperationCanceledException) { }
        finally
        {
            _handshake.TrySetException(new IOException("closed before the handshake"));
            _watching.TrySetException(new IOException("closed before Watch completed"));
        }
    }

    /// <summary>Handles every complete record in the buffer; returns how many bytes of a partial record remain.</summary>
    private int Consume(int filled, long now)
    {
        var data = _buffer.AsSpan(0, filled);
        int end;
        while ((end = data.IndexOf(RecordSeparator)) >= 0)
        {
            OnRecord(data[..end], now);
            data = data[(end + 1)..];
        }
        data.CopyTo(_buffer);
        return data.Length;
    }

    private void OnRecord(ReadOnlySpan<byte> record, long now)
    {
        // The server's System.Text.Json writes "type" first: {"type":1,"target":"counts","arguments":[{...}]}.
        var type = record.IndexOf("\"type\":"u8);
        if (type < 0)
        {
            // The handshake response: {} or {"error":"..."}.
            if (record.IndexOf("\"error\""u8) >= 0) _handshake.TrySetException(new IOException(Encoding.UTF8.GetString(record)));
            else _handshake.TrySetResult();
            return;
        }
        switch (record[type + 7])
        {
            case (byte)'1' when record.IndexOf("\"target\":\"counts\""u8) >= 0:
                var at = record.IndexOf("\"favorite_count\":"u8);
                if (at >= 0 && Utf8Parser.TryParse(record[(at + 17)..], out long favorites, out _)) OnCounts(favorites, now);
                break;
            case (byte)'3': // completion of Watch
                if (record.IndexOf("\"error\""u8) >= 0) _watching.TrySetException(new IOException(Encoding.UTF8.GetString(record)));
                else _watching.TrySetResult();
                break;
            case (byte)'7': // close
                _watching.TrySetException(new IOException(Encoding.UTF8.GetString(record)));
                break;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException) { }
        _socket.Dispose();
    }
}

static class Rest
{
    public static async Task<string> RegisterAsync(HttpClient http, string name)
    {
        var answer = await PostAsync(http, "/douyin/user/register/", [new("username", name), new("password", "bench-pass-1")]);
        return answer.GetProperty("token").GetString()!;
    }

    public static async Task LikeAsync(HttpClient http, string token, long videoId, bool like)
    {
        await PostAsync(http, "/douyin/favorite/action/", [new("token", token), new("video_id", videoId.ToString(CultureInfo.InvariantCulture)),
            new("action_type", like ? "1" : "2")]);
    }

    public static async Task<long> AnyVideoAsync(HttpClient http, string token, string? file)
    {
        var feed = await http.GetFromJsonAsync<JsonElement>("/douyin/feed/");
        if (feed.TryGetProperty("video_list", out var list) && list.GetArrayLength() > 0) return list[0].GetProperty("id").GetInt64();
        file ??= "tests/fixtures/sample.mp4";
        using var form = new MultipartFormDataContent();
        var data = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        data.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(data, "data", Path.GetFileName(file));
        form.Add(new StringContent(token), "token");
        form.Add(new StringContent("live bench"), "title");
        using var response = await http.PostAsync("/douyin/publish/action/", form);
        Check(await response.Content.ReadFromJsonAsync<JsonElement>(), "publish");
        feed = await http.GetFromJsonAsync<JsonElement>("/douyin/feed/");
        return feed.GetProperty("video_list")[0].GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, KeyValuePair<string, string>[] form)
    {
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
        return Check(await response.Content.ReadFromJsonAsync<JsonElement>(), path);
    }

    private static JsonElement Check(JsonElement answer, string what) =>
        answer.GetProperty("status_code").GetInt32() == 0
            ? answer
            : throw new InvalidOperationException($"{what}: {answer.GetProperty("status_code")} {answer.GetProperty("status_msg")}" +
                                                  " (register is rate-limited: start the server with Tiktok__AuthRequestsPerMinute=100000)");
}

/// <param name="Url">where likes (REST) go.</param>
/// <param name="WatchUrl">where watchers connect: another instance of a cluster measures the backplane.</param>
sealed record Options(string Url, int Clients, int Likes, int Warmup, int Likers, long? VideoId, string? VideoFile,
    int? ServerPid, int Hold, int Step, int HoldLikes, int ConnectConcurrency, int PauseMs, string ClientKind, string WatchUrl)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--") || i + 1 >= args.Length || args[i] == "--help")
            {
                Console.Error.WriteLine("""
                    usage: Tiktok.LiveBench [--url http://127.0.0.1:8080] [--watch-url URL (default: --url)] [--clients 1000] [--likes 200] [--warmup 20]
                                            [--likers 10] [--video-id ID] [--video-file tests/fixtures/sample.mp4]
                                            [--server-pid PID] [--hold 0] [--step 1000] [--hold-likes 5]
                                            [--connect-concurrency 32] [--pause-ms 10] [--client raw|signalr]
                    """);
                return null;
            }
            map[args[i][2..]] = args[++i];
        }
        int I(string k, int d) => map.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;
        return new Options(
            map.GetValueOrDefault("url", "http://127.0.0.1:8080"), I("clients", 1000), I("likes", 200), I("warmup", 20),
            I("likers", 10), map.TryGetValue("video-id", out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null,
            map.GetValueOrDefault("video-file"), map.TryGetValue("server-pid", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : null,
            I("hold", 0), I("step", 1000), I("hold-likes", 5), I("connect-concurrency", 32), I("pause-ms", 10),
            map.GetValueOrDefault("client", "raw") is "raw" or "signalr" ? map.GetValueOrDefault("client", "raw") : throw new ArgumentException("--client raw|signalr"),
            map.GetValueOrDefault("watch-url", map.GetValueOrDefault("url", "http://127.0.0.1:8080")));
    }
}
