using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Schema.Http;
using Tiktok.Schema.Subscriptions;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// Tiktok:GraphQL:TrustedDocuments=Only: the web client's operations (operations.graphql, registered at
/// start) run by their hash, over HTTP and the WebSocket; any other text is refused with
/// PERSISTED_QUERY_NOT_ALLOWED; GraphiQL is not served. With the default (Allow) they run by hash too,
/// with no automatic-persisted-query miss first.
/// </summary>
public sealed class TrustedDocumentsTests : IDisposable
{
    private readonly TiktokFactory _only = new(settings: new() { ["Tiktok:GraphQL:TrustedDocuments"] = "Only" });
    private HttpClient Http => _http ??= _only.CreateClient();
    private HttpClient? _http;

    public void Dispose()
    {
        _only.Dispose();
        _only.DeleteData();
    }

    private static TrustedOperation Op(string name) => TrustedDocumentsFileTests.Registered().Single(o => o.Name == name);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static object ByHash(TrustedOperation op, object? variables) => new
    {
        operationName = op.Name,
        variables,
        extensions = new { persistedQuery = new { version = 1, sha256Hash = op.Sha256 } },
    };

    /// <summary>Errors a registered operation may meet for its data (not for its document).</summary>
    private static readonly string[] DomainCodes = ["VIDEO_NOT_FOUND", "USER_NOT_FOUND", "COMMENT_NOT_FOUND", "USERNAME_TAKEN",
        "WRONG_CREDENTIALS", "NOT_COMMENT_AUTHOR", "CANNOT_FOLLOW_SELF", "CANNOT_MESSAGE_SELF"];

    [Fact]
    public async Task Every_operation_of_the_web_client_runs_by_its_hash_alone()
    {
        var (me, token) = await Http.RegisterAsync();
        var (friend, friendToken) = await Http.RegisterAsync();
        var video = (await _only.VideosAsync(friend, 1))[0].ToString();
        var mine = (await _only.VideosAsync(me, 1))[0].ToString();
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        var variables = new Dictionary<string, object?>
        {
            ["Register"] = new { username = name, password = "secret123" },
            ["Login"] = new { username = name, password = "secret123" },
            ["Feed"] = new { after = (string?)null },
            ["FollowingFeed"] = new { after = (string?)null },
            ["Video"] = new { id = video },
            ["VideoCountsNow"] = new { id = video },
            ["LikeVideo"] = new { id = video },
            ["UnlikeVideo"] = new { id = video },
            ["Comments"] = new { id = video, after = (string?)null },
            ["AddComment"] = new { id = video, content = "by hash" },
            ["DeleteComment"] = null, // the comment AddComment answers
            ["DeleteVideo"] = new { id = mine },
            ["Report"] = new { target = "VIDEO", id = video, reason = "SPAM", note = "by hash" },
            ["UserBrief"] = new { id = friend.ToString() },
            ["Profile"] = new { id = friend.ToString() },
            ["UserVideos"] = new { id = friend.ToString(), after = (string?)null },
            ["UserLikedVideos"] = new { id = me.ToString(), after = (string?)null },
            ["Following"] = new { id = me.ToString(), after = (string?)null },
            ["Followers"] = new { id = friend.ToString(), after = (string?)null },
            ["Friends"] = new { id = me.ToString() },
            ["Follow"] = new { id = friend.ToString() },
            ["Unfollow"] = new { id = friend.ToString() },
            ["BlockUser"] = new { id = friend.ToString() },
            ["UnblockUser"] = new { id = friend.ToString() },
            ["Inbox"] = null,
            ["Chat"] = new { peer = friend.ToString(), after = 0 },
            ["SendMessage"] = new { to = friend.ToString(), content = "by hash" },
            ["Notifications"] = new { after = (string?)null },
            ["UnreadNotificationCount"] = null,
            ["MarkNotificationsRead"] = new { upTo = (string?)null },
        };
        var registered = TrustedDocumentsFileTests.Registered();
        var http = registered.Where(o => !o.Document.StartsWith("subscription", StringComparison.Ordinal) && o.Name != "Publish").ToList();
        Assert.Equal(variables.Keys.Order(), http.Select(o => o.Name).Order()); // a new operation needs its line here

        foreach (var op in http)
        {
            var (status, body) = await PostAsync(Http, ByHash(op, variables[op.Name]), token);
            var codes = body.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!).ToList()
                : [];
            Assert.True(status == HttpStatusCode.OK && codes.All(DomainCodes.Contains), $"{op.Name}: HTTP {(int)status} {body}");
            Assert.True(body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, $"{op.Name}: {body}");
            if (op.Name == "AddComment")
                variables["DeleteComment"] = new { videoId = video, commentId = data.GetProperty("addComment").GetProperty("id").GetString() };
        }

        // The upload, as the web client sends it: multipart, its hash beside the text.
        var publish = Op("Publish");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(JsonSerializer.Serialize(new
            {
                query = publish.Document,
                operationName = publish.Name,
                variables = new { title = "by hash", file = (string?)null },
                extensions = new { persistedQuery = new { version = 1, sha256Hash = publish.Sha256 } },
            })), "operations");
            form.Add(new StringContent("""{"0":["variables.file"]}"""), "map");
            var clip = new ByteArrayContent([0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p']);
            clip.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(clip, "0", "clip.mp4");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("PERSISTED_QUERY", text); // it ran: the bytes are refused as not a video, by the domain
            Assert.Contains("NOT_A_VIDEO", text);
        }

        // The subscriptions, by hash over the WebSocket: each goes live, and the catch-up queries answer over it.
        await using var socket = await GraphQLWsClient.ReadyAsync(_only, token);
        var broker = _only.Services.GetRequiredService<LiveEventBroker>();
        var before = broker.SubscriberCount;
        foreach (var (id, op, vars) in new[] { ("c", Op("VideoCounts"), (object?)new { id = video }), ("e", Op("CommentEvents"), new { id = video }), ("m", Op("Messages"), null) })
            await socket.SendAsync(new { id, type = "subscribe", payload = ByHash(op, vars) });
        await socket.SendAsync(new { id = "q", type = "subscribe", payload = ByHash(Op("VideoCountsNow"), new { id = video }) });
        var answer = await socket.DataAsync("q", "video");
        Assert.Equal(video, answer.GetProperty("id").GetString());
        // A query sent after subscribes runs once they are live, so a catch-up query misses nothing.
        Assert.Equal(before + 3, broker.SubscriberCount);
        Assert.Equal("complete", (await socket.NextAsync()).GetProperty("type").GetString());

        await PostAsync(Http, ByHash(Op("SendMessage"), new { to = me.ToString(), content = "live" }), friendToken);
        var pushed = await socket.DataAsync("m", "messages");
        Assert.Equal(("live", friend.ToString()), (pushed.GetProperty("content").GetString(), pushed.GetProperty("fromUserId").GetString()));
        Assert.True(pushed.GetProperty("prevCreateTime").GetInt64() > 0); // the "by hash" message before it
    }

    [Fact]
    public async Task Text_that_is_not_registered_is_refused_and_registered_text_runs()
    {
        var (status, body) = await PostAsync(Http, new { query = "{ feed(first: 1) { nodes { id } } }" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", body.ErrorCode());
        Assert.Equal(1009, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
        Assert.Contains("TrustedDocuments=Only", body.GetProperty("errors")[0].GetProperty("message").GetString());

        // Automatic persisted queries cannot register one either: the hash is unknown, its retry with the text refused.
        const string query = "{ __typename }";
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = TrustedDocuments.Sha256(query) } };
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await PostAsync(Http, new { extensions })).Body.ErrorCode());
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", (await PostAsync(Http, new { query, extensions })).Body.ErrorCode());
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await PostAsync(Http, new { extensions })).Body.ErrorCode());

        // With application/json the refusal is 200, as for other requests that could not execute.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) })
        {
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("PERSISTED_QUERY_NOT_ALLOWED", await response.Content.ReadAsStringAsync());
        }

        // A registered operation's exact text runs, as do its hash as documentId (POST and GET).
        var feed = Op("Feed");
        Assert.True((await PostAsync(Http, new { query = feed.Document })).Body.GetProperty("data").TryGetProperty("feed", out _));
        var (_, byId) = await PostAsync(Http, new { documentId = "sha256:" + feed.Sha256 });
        Assert.True(byId.GetProperty("data").TryGetProperty("feed", out _), byId.ToString());
        using (var get = await Http.GetAsync("/graphql?documentId=sha256:" + feed.Sha256))
            Assert.Contains("\"feed\":", await get.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_VALUE", (await PostAsync(Http, new { documentId = "md5:abc" })).Body.ErrorCode());
        Assert.Equal("INVALID_VALUE", (await PostAsync(Http, new { query = feed.Document + " ", documentId = "sha256:" + feed.Sha256 })).Body.ErrorCode());

        // Over the WebSocket: an unregistered subscription is an error message; the socket stays.
        await using var socket = await GraphQLWsClient.ReadyAsync(_only);
        await socket.SubscribeAsync("s", "subscription($v: ID!) { videoCounts(videoId: $v) { videoId } }", new { v = "1" });
        var refused = await socket.NextAsync();
        Assert.Equal(("error", "s"), (refused.GetProperty("type").GetString(), refused.GetProperty("id").GetString()));
        Assert.Equal("PERSISTED_QUERY_NOT_ALLOWED", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        await socket.SendAsync(new { id = "u", type = "subscribe", payload = new { extensions } });
        var unknown = await socket.NextAsync();
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", unknown.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.NextAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task GraphiQL_is_not_served_when_only_trusted_documents_run()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Http.SendAsync(request);
        Assert.DoesNotContain("text/html", response.Content.Headers.ContentType?.ToString() ?? "");
    }

    [Fact]
    public async Task Off_registers_nothing_and_Only_without_its_file_does_not_start()
    {
        using var off = new TiktokFactory(settings: new() { ["Tiktok:GraphQL:TrustedDocuments"] = "Off" });
        try
        {
            var (_, miss) = await PostAsync(off.CreateClient(), ByHash(Op("Feed"), new { after = (string?)null }));
            Assert.Equal("PERSISTED_QUERY_NOT_FOUND", miss.ErrorCode());
        }
        finally
        {
            off.DeleteData();
        }

        using var broken = new TiktokFactory(settings: new()
        {
            ["Tiktok:GraphQL:TrustedDocuments"] = "Only",
            ["Tiktok:GraphQL:TrustedDocumentsFile"] = "/nonexistent/operations.graphql",
        });
        try
        {
            var e = Assert.ThrowsAny<Exception>(() => broken.CreateClient());
            Assert.Contains("/nonexistent/operations.graphql", e.ToString());
        }
        finally
        {
            broken.DeleteData();
        }
    }

    [Fact]
    public async Task By_default_the_registered_operations_run_by_hash_with_no_miss_first_and_any_text_still_runs()
    {
        using var allow = new TiktokFactory();
        try
        {
            var http = allow.CreateClient();
            var (_, hit) = await PostAsync(http, ByHash(Op("Feed"), new { after = (string?)null }));
            Assert.True(hit.GetProperty("data").TryGetProperty("feed", out _), hit.ToString());
            Assert.Equal(JsonValueKind.Object, (await http.DataAsync("{ feed(first: 1) { nodes { id } } }")).ValueKind);
        }
        finally
        {
            allow.DeleteData();
        }
    }
}
