using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Tiktok.EndToEnd.Infrastructure;
using Tiktok.Testing;

namespace Tiktok.EndToEnd.Tests;

/// <summary>
/// Group commit answers an action only once its batch is durable: a server killed with SIGKILL in the
/// middle of a burst of likes, follows, comments and messages keeps every action it acknowledged,
/// and its counts still equal its rows.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "tiktok-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };
    private ServerProcess? _server;

    private string DataDir => Path.Combine(_workDir, "data");

    private Task<ServerProcess> StartAsync() =>
        ServerProcess.StartAsync(DataDir, Path.Combine(_workDir, "server.log"), new Dictionary<string, string>
        {
            ["Tiktok__AuthRequestsPerMinute"] = "100000",
            ["Tiktok__PasswordWorkFactor"] = "4",
        });

    public async Task InitializeAsync()
    {
        if (ServerFixture.ExternalUrl is not null) return;
        Directory.CreateDirectory(DataDir);
        _server = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<JsonElement> PostAsync(string path, params (string, object)[] form)
    {
        using var body = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2.ToString()!)));
        using var answer = await _http.PostAsync(_server!.BaseUrl + path, body);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> GetAsync(string path, params (string, object)[] query)
    {
        var text = await _http.GetStringAsync(_server!.BaseUrl + path + "?" +
            string.Join('&', query.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2.ToString()!))));
        var json = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(json.GetProperty("status_code").GetInt32() == 0, $"GET {path}: {text}");
        return json;
    }

    private async Task<(long Id, string Token)> RegisterAsync()
    {
        var name = Douyin.UniqueName("crash");
        var reply = await PostAsync("/douyin/user/register/", ("username", name), ("password", "pw-crash-123"));
        Assert.True(reply.GetProperty("status_code").GetInt32() == 0, reply.ToString());
        return (reply.GetProperty("user_id").GetInt64(), reply.GetProperty("token").GetString()!);
    }

    private async Task<long> PublishAsync((long Id, string Token) author, string title)
    {
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(author.Token), "token");
        body.Add(new StringContent(title), "title");
        var file = new ByteArrayContent(Douyin.SampleMp4);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("video/mp4");
        body.Add(file, "data", "clip.mp4");
        using var answer = await _http.PostAsync(_server!.BaseUrl + "/douyin/publish/action/", body);
        Assert.Contains("\"status_code\":0", await answer.Content.ReadAsStringAsync());
        var list = await GetAsync("/douyin/publish/list/", ("user_id", author.Id), ("token", author.Token));
        return list.GetProperty("video_list")[0].GetProperty("id").GetInt64();
    }

    [OwnedServerFact]
    public async Task A_server_killed_during_a_burst_of_batched_writes_keeps_every_acknowledged_action()
    {
        var author = await RegisterAsync();
        var fans = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => RegisterAsync()));
        var videos = new List<long>();
        for (var i = 0; i < 8; i++) videos.Add(await PublishAsync(author, $"crash {i}"));

        // The burst: every fan likes every video, follows the author, comments and sends a message.
        var actions = fans.SelectMany(fan => videos.Select(v => (Kind: "like", Fan: fan, Target: v))
            .Append(("follow", fan, author.Id)).Append(("comment", fan, videos[0])).Append(("message", fan, author.Id)))
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var acknowledged = new ConcurrentBag<(string Kind, long Fan, long Target, long Id)>();
        var next = -1;
        var killed = 0;
        async Task Worker()
        {
            while (Volatile.Read(ref killed) == 0 && Interlocked.Increment(ref next) is var i && i < actions.Count)
            {
                var (kind, fan, target) = actions[i];
                try
                {
                    var reply = kind switch
                    {
                        "like" => await PostAsync("/douyin/favorite/action/", ("token", fan.Token), ("video_id", target), ("action_type", 1)),
                        "follow" => await PostAsync("/douyin/relation/action/", ("token", fan.Token), ("to_user_id", target), ("action_type", 1)),
                        "comment" => await PostAsync("/douyin/comment/action/", ("token", fan.Token), ("video_id", target), ("action_type", 1), ("comment_text", $"from {fan.Id}")),
                        _ => await PostAsync("/douyin/message/action/", ("token", fan.Token), ("to_user_id", target), ("action_type", 1), ("content", $"from {fan.Id}")),
                    };
                    if (reply.GetProperty("status_code").GetInt32() != 0) continue;
                    var id = kind == "comment" ? reply.GetProperty("comment").GetProperty("id").GetInt64() : 0;
                    acknowledged.Add((kind, fan.Id, target, id));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                    // In flight when the server died: not acknowledged, so it may or may not be there.
                }
            }
        }
        var workers = Enumerable.Range(0, 48).Select(_ => Task.Run(Worker)).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < actions.Count / 3 && DateTime.UtcNow < deadline) await Task.Delay(5);
        var pid = _server!.Pid;
        Process.GetProcessById(pid).Kill(); // SIGKILL: no shutdown, no flush
        Volatile.Write(ref killed, 1);
        await Task.WhenAll(workers);
        var acked = acknowledged.ToList();
        Assert.True(acked.Count >= actions.Count / 3, $"only {acked.Count} of {actions.Count} actions were acknowledged before the deadline");
        Assert.True(acked.Count < actions.Count, "the burst ended before the kill: nothing was in flight");
        await _server.DisposeAsync();
        _server = await StartAsync();

        var authorView = await GetAsync("/douyin/user/", ("user_id", author.Id), ("token", author.Token));
        var comments = (await GetAsync("/douyin/comment/list/", ("video_id", videos[0]), ("token", author.Token)))
            .GetProperty("comment_list").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToHashSet();
        foreach (var c in acked.Where(a => a.Kind == "comment")) Assert.Contains(c.Id, comments);
        long likes = 0, follows = 0;
        foreach (var fan in fans)
        {
            var liked = (await GetAsync("/douyin/favorite/list/", ("user_id", fan.Id), ("token", fan.Token)))
                .GetProperty("video_list").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()).ToHashSet();
            foreach (var like in acked.Where(a => a.Kind == "like" && a.Fan == fan.Id))
                Assert.True(liked.Contains(like.Target), $"fan {fan.Id}'s acknowledged like of video {like.Target} was lost");
            var following = (await GetAsync("/douyin/relation/follow/list/", ("user_id", fan.Id), ("token", fan.Token)))
                .GetProperty("user_list").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ToHashSet();
            if (acked.Any(a => a.Kind == "follow" && a.Fan == fan.Id)) Assert.Contains(author.Id, following);
            if (acked.Any(a => a.Kind == "message" && a.Fan == fan.Id))
            {
                var chat = await GetAsync("/douyin/message/chat/", ("token", author.Token), ("to_user_id", fan.Id), ("pre_msg_time", 0));
                Assert.Single(chat.GetProperty("message_list").EnumerateArray());
            }
            // Counts equal rows after the crash.
            var me = (await GetAsync("/douyin/user/", ("user_id", fan.Id), ("token", fan.Token))).GetProperty("user");
            Assert.Equal(liked.Count, me.GetProperty("favorite_count").GetInt64());
            Assert.Equal(following.Count, me.GetProperty("follow_count").GetInt64());
            likes += liked.Count;
            follows += following.Count;
        }
        var user = authorView.GetProperty("user");
        Assert.Equal(follows, user.GetProperty("follower_count").GetInt64());
        Assert.Equal(likes, user.GetProperty("total_favorited").GetInt64());
        var works = (await GetAsync("/douyin/publish/list/", ("user_id", author.Id), ("token", author.Token))).GetProperty("video_list");
        Assert.Equal(likes, works.EnumerateArray().Sum(v => v.GetProperty("favorite_count").GetInt64()));
        Assert.Equal(comments.Count, works.EnumerateArray().Single(v => v.GetProperty("id").GetInt64() == videos[0]).GetProperty("comment_count").GetInt64());
    }
}
