using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Edge;

/// <summary>
/// Truncated and malformed multipart bodies on REST publish and GraphQL uploads, and uploads with a
/// bad token: a documented validation error (never 9001/500), no row, nothing left in staging or
/// media, and a bad token refused before anything is staged. On SQLite and PostgreSQL.
/// </summary>
public abstract class HostileBodyTests(EdgeHost host)
{
    public sealed class Sqlite(EdgeHost.Sqlite host) : HostileBodyTests(host), IClassFixture<EdgeHost.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(EdgeHost.Postgres host) : HostileBodyTests(host), IClassFixture<EdgeHost.Postgres>;

    private static readonly byte[] Mp4 = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"));
    private const string Crlf = "\r\n";

    /// <summary>Bodies with boundary "xyz"; {first} is the part(s) each front needs before the file ("data" for REST, operations+map for GraphQL).</summary>
    public static TheoryData<string, string, string> Bodies() => new()
    {
        { "cut in the middle of the file", "multipart/form-data; boundary=xyz", "{first}--xyz\r\nContent-Disposition: form-data; name=\"{file}\"; filename=\"a.mp4\"\r\nContent-Type: video/mp4\r\n\r\n{mp4-half}" },
        { "cut in a part's headers", "multipart/form-data; boundary=xyz", "{first}--xyz\r\nContent-Disposition: form-da" },
        { "cut right after a boundary", "multipart/form-data; boundary=xyz", "{first}--xyz" },
        { "a header line that is not a header", "multipart/form-data; boundary=xyz", "{first}--xyz\r\nthis is not a header\r\n\r\nabc\r\n--xyz--\r\n" },
        { "a part without Content-Disposition", "multipart/form-data; boundary=xyz", "{first}--xyz\r\nContent-Type: text/plain\r\n\r\nabc\r\n--xyz--\r\n" },
        { "a header line over the limit", "multipart/form-data; boundary=xyz", "{first}--xyz\r\nX-Long: {long}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc\r\n--xyz--\r\n" },
        { "no boundary ever", "multipart/form-data; boundary=xyz", "just some bytes that never reach a boundary" },
        { "no boundary parameter", "multipart/form-data", "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nabc\r\n--xyz--\r\n" },
    };

    private static byte[] Build(string template, string first, string file) =>
        Encoding.Latin1.GetBytes(template.Replace("{first}", first).Replace("{file}", file)
            .Replace("{mp4-half}", Encoding.Latin1.GetString(Mp4, 0, Mp4.Length / 2)).Replace("{long}", new string('x', 20_000)));

    private static string Part(string name, string value) => $"--xyz{Crlf}Content-Disposition: form-data; name=\"{name}\"{Crlf}{Crlf}{value}{Crlf}";

    [DatabaseTheory]
    [MemberData(nameof(Bodies))]
    public async Task REST_publish_with_a_broken_body_is_a_validation_error_naming_the_body(string what, string contentType, string template)
    {
        var (me, token) = await host.Http.RegisterAsync();
        var errorsBefore = host.Logs.ErrorsAndAbove.Count;
        using var content = new ByteArrayContent(Build(template, Part("title", "t"), "data"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await host.Http.PostAsync($"/douyin/publish/action/?token={token}", content);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: HTTP {(int)response.StatusCode}");
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.Status() == 1005, $"{what}: {answer}");
        var message = answer.GetProperty("status_msg").GetString()!;
        Assert.True(message.Contains("body") || message.Contains("Content-Type"), $"{what}: {message}");
        await AssertNothingKeptAsync(me);
        Assert.Equal(errorsBefore, host.Logs.ErrorsAndAbove.Count);
    }

    [DatabaseTheory]
    [MemberData(nameof(Bodies))]
    public async Task GraphQL_upload_with_a_broken_body_is_a_400_with_a_JSON_error(string what, string contentType, string template)
    {
        var (me, token) = await host.Http.RegisterAsync();
        var errorsBefore = host.Logs.ErrorsAndAbove.Count;
        var first = Part("operations", """{"query":"mutation($f: Upload!) { publishVideo(title: \"t\", file: $f) { id } }","variables":{"f":null}}""") +
                    Part("map", """{"0":["variables.f"]}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Build(template, first, "0")) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: HTTP {(int)response.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];
        Assert.Equal("INVALID_VALUE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1005, error.GetProperty("extensions").GetProperty("status_code").GetInt32());
        await AssertNothingKeptAsync(me);
        Assert.Equal(errorsBefore, host.Logs.ErrorsAndAbove.Count);
    }

    public static TheoryData<string> BadTokenPlaces() => new() { "query", "header", "field before the file" };

    [DatabaseTheory]
    [MemberData(nameof(BadTokenPlaces))]
    public async Task REST_publish_with_a_bad_token_is_refused_before_the_file_is_staged(string where)
    {
        var (me, token) = await host.Http.RegisterAsync();
        var bad = token[..^4] + "AAAA";
        var form = new MultipartFormDataContent();
        if (where == "field before the file") form.Add(new StringContent(bad), "token");
        form.Add(new StringContent("t"), "title");
        form.Add(new ByteArrayContent(Mp4), "data", "a.mp4");
        using var request = new HttpRequestMessage(HttpMethod.Post, where == "query" ? $"/douyin/publish/action/?token={bad}" : "/douyin/publish/action/") { Content = form };
        if (where == "header") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bad);

        var staged = host.StagingStarted;
        using var response = await host.Http.SendAsync(request);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2002, answer.Status());
        Assert.Equal(staged, host.StagingStarted);
        await AssertNothingKeptAsync(me);
    }

    [DatabaseFact]
    public async Task REST_publish_with_the_file_before_a_bad_token_stages_it_but_keeps_nothing()
    {
        // The stock app sends data first (API.md): the file is staged, the token checked before anything else.
        var (me, token) = await host.Http.RegisterAsync();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Mp4), "data", "a.mp4" },
            { new StringContent(token[..^4] + "AAAA"), "token" },
            { new StringContent("t"), "title" },
        };
        var answer = JsonDocument.Parse(await (await host.Http.PostAsync("/douyin/publish/action/", form)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2002, answer.Status());
        await AssertNothingKeptAsync(me);
    }

    [DatabaseTheory]
    [InlineData("bad", "TOKEN_INVALID")]
    [InlineData(null, "TOKEN_MISSING")]
    public async Task GraphQL_upload_without_a_valid_token_is_refused_before_the_file_is_staged(string? token, string code)
    {
        var (me, good) = await host.Http.RegisterAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{"query":"mutation($f: Upload!) { publishVideo(title: \"t\", file: $f) { id } }","variables":{"f":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.f"]}"""), "map" },
            { new ByteArrayContent(Mp4), "0", "a.mp4" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", good[..^4] + "AAAA");

        var staged = host.StagingStarted;
        using var response = await host.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(staged, host.StagingStarted);
        await AssertNothingKeptAsync(me);
    }

    private async Task AssertNothingKeptAsync(long userId)
    {
        Assert.Empty(host.StagedAndStoredFiles());
        var list = await host.Http.GetJsonAsync($"/douyin/publish/list/?user_id={userId}");
        Assert.Equal(0, list.GetProperty("video_list").GetArrayLength());
    }
}
