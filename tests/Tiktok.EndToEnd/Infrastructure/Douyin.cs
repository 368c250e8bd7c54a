using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace Tiktok.EndToEnd.Infrastructure;

public sealed record TestUser(long Id, string Name, string Password, string Token);

/// <summary>
/// Speaks to the server the way the stock app does: parameters in the query string (GET) or an urlencoded
/// form (POST), multipart for publish. Every answer is read as raw JSON.
/// </summary>
public sealed class Douyin(ServerFixture fixture)
{
    private static int _counter;
    private static readonly Lazy<byte[]> Sample = new(() => File.ReadAllBytes(FixturePath("sample.mp4")));

    public ServerFixture Fixture => fixture;
    public static byte[] SampleMp4 => Sample.Value;

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public string Url(string path) => fixture.BaseUrl + path;

    public Task<Reply> Get(string path, params (string Name, object? Value)[] query) =>
        Send(new HttpRequestMessage(HttpMethod.Get, Url(path) + QueryString(query)));

    public Task<Reply> Post(string path, params (string Name, object? Value)[] form) =>
        Send(new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = Form(form) });

    public static string QueryString(IEnumerable<(string Name, object? Value)> query)
    {
        var parts = query.Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(Text(p.Value)))
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static FormUrlEncodedContent Form(IEnumerable<(string Name, object? Value)> form) =>
        new(form.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value))));

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A multipart publish; <paramref name="data"/> null leaves the file part out.</summary>
    public Task<Reply> Publish(string? token, string? title, byte[]? data, string fileName = "clip.mp4",
        string contentType = "video/mp4", string path = "/douyin/publish/action/", Action<HttpRequestMessage>? tweak = null)
    {
        var body = new MultipartFormDataContent();
        if (token is not null) body.Add(new StringContent(token), "token");
        if (title is not null) body.Add(new StringContent(title), "title");
        if (data is not null)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            body.Add(file, "data", fileName);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = body };
        tweak?.Invoke(request);
        return Send(request);
    }

    public async Task<Reply> Send(HttpRequestMessage request)
    {
        var description = await DescribeAsync(request);
        using var answer = await fixture.Http.SendAsync(request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        JsonElement? json = null;
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            json = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        request.Dispose();
        return new Reply(fixture, description, answer.StatusCode, answer.Content.Headers.ContentType?.MediaType, text, json,
            answer.Headers.Location);
    }

    private static async Task<string> DescribeAsync(HttpRequestMessage request)
    {
        var text = $"{request.Method} {request.RequestUri}";
        if (request.Headers.Authorization is { } auth) text += $" [Authorization: {auth.Scheme} {Shorten(auth.Parameter ?? "", 24)}]";
        if (request.Content is FormUrlEncodedContent form) text += " form: " + Shorten(await form.ReadAsStringAsync(), 300);
        else if (request.Content is MultipartFormDataContent multi)
            text += " multipart: " + string.Join(", ", multi.Select(p =>
                $"{p.Headers.ContentDisposition?.Name}{(p is StringContent ? "=" + Shorten(p.ReadAsStringAsync().Result, 40) : $" ({p.Headers.ContentLength} bytes)")}"));
        return text;
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…({text.Length} chars)";

    /// <summary>A unique user name of at most 32 characters.</summary>
    public static string UniqueName(string prefix = "u")
    {
        var n = Interlocked.Increment(ref _counter);
        var name = $"{prefix}_{n}_{Guid.NewGuid():N}";
        return name[..Math.Min(name.Length, 32)];
    }

    public async Task<TestUser> NewUserAsync(string prefix = "u")
    {
        var name = UniqueName(prefix);
        var password = "pw-" + Guid.NewGuid().ToString("N")[..10];
        var reply = await Post("/douyin/user/register/", ("username", name), ("password", password));
        Assert.True(reply.Http != HttpStatusCode.TooManyRequests, reply.Explain(
            "the server rate-limits register/log-in; the suite registers a few hundred users, so run the server with " +
            "Tiktok__AuthRequestsPerMinute=100000 (the suite's own server is started that way)"));
        reply.Ok();
        var id = reply.Int64("user_id");
        var token = reply.Json.GetProperty("token").GetString()!;
        Assert.True(id > 0, reply.Explain("register must answer a positive user_id"));
        Assert.False(string.IsNullOrEmpty(token), reply.Explain("register must answer a token"));
        return new TestUser(id, name, password, token);
    }

    public async Task<TestUser[]> NewUsersAsync(int count, string prefix = "u") =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => NewUserAsync(prefix)));

    /// <summary>Publishes tests/fixtures/sample.mp4 and answers the new video's id (the newest in the author's list).</summary>
    public async Task<long> PublishSampleAsync(TestUser author, string title)
    {
        (await Publish(author.Token, title, SampleMp4)).Ok();
        var list = (await Get("/douyin/publish/list/", ("user_id", author.Id), ("token", author.Token))).Ok();
        var newest = list.Array("video_list").FirstOrDefault();
        Assert.True(newest.ValueKind == JsonValueKind.Object, list.Explain("the author's list must hold the video just published"));
        Assert.Equal(title, newest.GetProperty("title").GetString());
        return newest.GetProperty("id").GetInt64();
    }

    public async Task<JsonElement> UserAsync(long userId, string? token = null)
    {
        var reply = (await Get("/douyin/user/", ("user_id", userId), ("token", token))).Ok();
        var user = reply.Json.GetProperty("user");
        Shapes.User(user, reply);
        return user;
    }

    /// <summary>Walks the feed until the video shows up (other tests may have published newer ones).</summary>
    public async Task<JsonElement?> FindInFeedAsync(long videoId, string? token = null, int maxPages = 20)
    {
        long? latest = null;
        for (var page = 0; page < maxPages; page++)
        {
            var reply = (await Get("/douyin/feed/", ("latest_time", latest), ("token", token))).Ok();
            var videos = reply.Array("video_list");
            foreach (var v in videos)
                if (v.GetProperty("id").GetInt64() == videoId) return v;
            if (videos.Count == 0) return null;
            latest = reply.Int64("next_time");
        }
        return null;
    }

    public async Task<List<JsonElement>> ListAsync(string path, string field, params (string, object?)[] query) =>
        (await Get(path, query)).Ok().Array(field);
}

/// <summary>One HTTP answer: status, content type, raw body and parsed JSON, with the request for messages.</summary>
public sealed class Reply(ServerFixture fixture, string request, HttpStatusCode http, string? mediaType, string body,
    JsonElement? json, Uri? location)
{
    public string Request { get; } = request;
    public HttpStatusCode Http { get; } = http;
    public string? MediaType { get; } = mediaType;
    public string Body { get; } = body;
    public Uri? Location { get; } = location;
    public JsonElement Json => json ?? throw new XunitException(Explain("the body is not JSON"));
    public bool IsJson => json is { ValueKind: JsonValueKind.Object };

    public string Explain(string what) =>
        $"{what}\n  request: {Request}\n  answer: HTTP {(int)Http}{(Location is null ? "" : " Location: " + Location)} " +
        $"{MediaType}\n  body: {Douyin.Shorten(Body, 1500)}\n{fixture.LogTail()}";

    public int StatusCode
    {
        get
        {
            Assert.True(IsJson, Explain("the answer must be a JSON object"));
            Assert.True(Json.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number,
                Explain("status_code must be present and a number"));
            return code.GetInt32();
        }
    }

    /// <summary>HTTP 200, JSON, status_code 0, status_msg a string.</summary>
    public Reply Ok()
    {
        Assert.True(Http == HttpStatusCode.OK, Explain("expected HTTP 200"));
        Assert.True(StatusCode == 0, Explain("expected status_code 0"));
        Assert.True(Json.TryGetProperty("status_msg", out var msg) && msg.ValueKind == JsonValueKind.String,
            Explain("status_msg must be present and a string"));
        return this;
    }

    /// <summary>The refusal: the HTTP status (200 unless said), the code, and a status_msg a person can read.</summary>
    public Reply Fails(int expectedCode, HttpStatusCode expectedHttp = HttpStatusCode.OK)
    {
        Assert.True(Http == expectedHttp, Explain($"expected HTTP {(int)expectedHttp}"));
        Assert.True(MediaType == "application/json", Explain("the refusal must be application/json"));
        Assert.True(StatusCode == expectedCode, Explain($"expected status_code {expectedCode}"));
        Assert.True(Json.TryGetProperty("status_msg", out var msg) && msg.ValueKind == JsonValueKind.String &&
                    msg.GetString()!.Length > 0, Explain("status_msg must be a non-empty string"));
        return this;
    }

    public Reply FailsWithAnyOf(params int[] codes)
    {
        Assert.True(Http == HttpStatusCode.OK, Explain("expected HTTP 200"));
        Assert.True(codes.Contains(StatusCode), Explain($"expected status_code in [{string.Join(", ", codes)}]"));
        return this;
    }

    public long Int64(string name) => Shapes.Int64(Json, name, this);

    public List<JsonElement> Array(string name)
    {
        Assert.True(Json.TryGetProperty(name, out var list), Explain($"'{name}' must be present"));
        Assert.True(list.ValueKind == JsonValueKind.Array, Explain($"'{name}' must be an array, not {list.ValueKind}"));
        return list.EnumerateArray().ToList();
    }

    public List<long> Ids(string name) => Array(name).Select(e => e.GetProperty("id").GetInt64()).ToList();
}
