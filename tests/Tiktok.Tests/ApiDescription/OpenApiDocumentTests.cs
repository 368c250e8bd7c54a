using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.ApiDescription;

/// <summary>
/// The OpenAPI document of /douyin (docs/rest-compat.md#openapi) against the routes the host maps
/// and the answers it really writes. About the document, so SQLite only.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly TiktokFactory _f = new();
    private readonly HttpClient _http;

    public OpenApiDocumentTests() => _http = _f.CreateClient();

    public void Dispose() => _f.DeleteData();

    private async Task<JsonElement> DocumentAsync()
    {
        using var answer = await _http.GetAsync("/openapi/douyin.json");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        select (op.Name.ToUpperInvariant(), path.Name, op.Value);

    [Fact]
    public async Task The_document_lists_every_douyin_endpoint_the_host_maps_and_nothing_else()
    {
        var routes = _f.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/douyin", StringComparison.Ordinal) == true)
            .ToList();
        // Only the catch-all (1007 for unknown paths) is left out of the document.
        var described = routes.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }).ToList();
        Assert.Equal(["/douyin/{**path}"], routes.Except(described).Select(e => e.RoutePattern.RawText));
        var mapped = described
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();
        Assert.Equal(16, mapped.Count);

        var document = await DocumentAsync();
        var listed = Operations(document).Select(o => $"{o.Method} {o.Path}").Order().ToList();
        Assert.Equal(mapped, listed);

        foreach (var (method, path, op) in Operations(document))
        {
            var where = $"{method} {path}";
            Assert.True(op.TryGetProperty("operationId", out _), $"{where}: no operationId");
            Assert.True(op.TryGetProperty("summary", out _), $"{where}: no summary");
            var answer = op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.True(answer.TryGetProperty("$ref", out _), $"{where}: the answer has no schema");
            Assert.NotEmpty(op.GetProperty("x-status-codes").EnumerateArray());
            // Parameters may come from the query string and from a form body.
            Assert.True(op.TryGetProperty("parameters", out var parameters) && parameters.GetArrayLength() > 0, $"{where}: no parameters");
            Assert.All(parameters.EnumerateArray(), p => Assert.Equal("query", p.GetProperty("in").GetString()));
            var bodies = op.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name).ToList();
            Assert.Contains("multipart/form-data", bodies);
            if (path != "/douyin/publish/action/") Assert.Contains("application/x-www-form-urlencoded", bodies);
        }
    }

    [Fact]
    public async Task The_status_code_schema_lists_the_whole_error_catalogue()
    {
        var document = await DocumentAsync();
        var codes = document.GetProperty("components").GetProperty("schemas").GetProperty("StatusCode").GetProperty("enum")
            .EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Equal(Enum.GetValues<Tiktok.Core.Errors.ErrorCode>().Select(c => (int)c).ToList(), codes);
        foreach (var (method, path, op) in Operations(document))
            Assert.All(op.GetProperty("x-status-codes").EnumerateArray(), c => Assert.Contains(c.GetInt32(), codes));
    }

    /// <summary>
    /// Each operation called for real, once answering 0 and once refusing: every answer matches the
    /// operation's schema field for field (no field missing, none the schema lacks), every component
    /// is met by a real value, and each refusal's code is one the operation lists.
    /// </summary>
    [Fact]
    public async Task Every_answer_success_and_refusal_matches_its_operations_schema()
    {
        var document = await DocumentAsync();
        var check = new SchemaCheck(document);
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        var called = new HashSet<string>();
        var problems = new List<string>();

        async Task<JsonElement> Call(string method, string path, HttpContent? body = null, string query = "", bool refusal = false)
        {
            var key = $"{method} {path}";
            Assert.True(operations.TryGetValue(key, out var op), $"{key} is not in the document");
            using var request = new HttpRequestMessage(new HttpMethod(method), path + query) { Content = body };
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            var schema = op.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            problems.AddRange(check.Problems(schema, answer, $"{key}{(refusal ? " (refusal)" : "")}"));
            var code = answer.GetProperty("status_code").GetInt32();
            if (refusal)
            {
                Assert.NotEqual(0, code);
                Assert.Contains(code, op.GetProperty("x-status-codes").EnumerateArray().Select(c => c.GetInt32()));
            }
            else
            {
                Assert.True(code == 0, $"{key}: {answer}");
                called.Add(key);
            }
            return answer;
        }
        static FormUrlEncodedContent Form(params (string, string)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));

        var alice = await Call("POST", "/douyin/user/register/", Form(("username", "alice"), ("password", "secret123")));
        await Call("POST", "/douyin/user/register/", Form(("username", "bob"), ("password", "secret123")));
        var bob = await Call("POST", "/douyin/user/login/", Form(("username", "bob"), ("password", "secret123")));
        var (a, aToken) = (alice.GetProperty("user_id").GetInt64(), alice.GetProperty("token").GetString()!);
        var (b, bToken) = (bob.GetProperty("user_id").GetInt64(), bob.GetProperty("token").GetString()!);

        var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4")));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("video/mp4");
        upload.Add(file, "data", "clip.mp4");
        upload.Add(new StringContent(aToken), "token");
        upload.Add(new StringContent("first"), "title");
        await Call("POST", "/douyin/publish/action/", upload);
        var feed = await Call("GET", "/douyin/feed/", query: $"?token={bToken}");
        var video = feed.GetProperty("video_list")[0].GetProperty("id").GetInt64();

        await Call("POST", "/douyin/favorite/action/", Form(("token", bToken), ("video_id", $"{video}"), ("action_type", "1")));
        await Call("POST", "/douyin/comment/action/", Form(("token", bToken), ("video_id", $"{video}"), ("action_type", "1"), ("comment_text", "nice")));
        await Call("POST", "/douyin/relation/action/", Form(("token", aToken), ("to_user_id", $"{b}"), ("action_type", "1")));
        await Call("POST", "/douyin/relation/action/", Form(("token", bToken), ("to_user_id", $"{a}"), ("action_type", "1")));
        await Call("POST", "/douyin/message/action/", Form(("token", aToken), ("to_user_id", $"{b}"), ("action_type", "1"), ("content", "hello")));

        await Call("GET", "/douyin/user/", query: $"?user_id={a}&token={bToken}");
        await Call("GET", "/douyin/publish/list/", query: $"?user_id={a}");
        await Call("GET", "/douyin/favorite/list/", query: $"?user_id={b}");
        await Call("GET", "/douyin/comment/list/", query: $"?video_id={video}");
        await Call("GET", "/douyin/relation/follow/list/", query: $"?user_id={a}");
        await Call("GET", "/douyin/relation/follower/list/", query: $"?user_id={a}");
        await Call("GET", "/douyin/relation/friend/list/", query: $"?token={aToken}");
        await Call("GET", "/douyin/message/chat/", query: $"?token={bToken}&to_user_id={a}");

        Assert.Equal(operations.Keys.Order(), called.Order());

        // Refusals: the same shape, zero-valued. A bad token wherever one is read, else no parameters.
        foreach (var key in operations.Keys)
        {
            var (method, path) = (key.Split(' ')[0], key.Split(' ')[1]);
            var readsToken = !path.StartsWith("/douyin/user/register", StringComparison.Ordinal) && !path.StartsWith("/douyin/user/login", StringComparison.Ordinal);
            await Call(method, path, method == "POST" ? Form() : null, readsToken ? "?token=not.a.token" : "", refusal: true);
        }

        Assert.Empty(problems);
        var components = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(c => c.Name).Order();
        Assert.Equal(components, check.ComponentsSeen.Order());
    }

    [Fact]
    public void The_checker_finds_a_missing_field_an_extra_one_and_a_wrong_type()
    {
        var document = JsonDocument.Parse("""
            {"components":{"schemas":{"U":{"type":"object","required":["id","name"],
              "properties":{"id":{"type":"integer","format":"int64"},"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}}}}}}
            """).RootElement;
        var check = new SchemaCheck(document);
        var schema = JsonDocument.Parse("""{"$ref":"#/components/schemas/U"}""").RootElement;
        Assert.Empty(check.Problems(schema, JsonDocument.Parse("""{"id":1,"name":"a","tags":["x"]}""").RootElement, "u"));
        Assert.Equal(["u.name: required by the schema, missing from the answer"], check.Problems(schema, JsonDocument.Parse("""{"id":1}""").RootElement, "u"));
        Assert.Equal(["u.extra: in the answer, not in the schema"], check.Problems(schema, JsonDocument.Parse("""{"id":1,"name":"a","extra":0}""").RootElement, "u"));
        Assert.Equal(["u.id: \"1\", the schema says integer", "u.tags[0]: Number, the schema says string"],
            check.Problems(schema, JsonDocument.Parse("""{"id":"1","name":"a","tags":[2]}""").RootElement, "u"));
    }
}
