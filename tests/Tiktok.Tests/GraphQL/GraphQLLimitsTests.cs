using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Tiktok.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// The shapes an anonymous client can send to make GraphQL work hard (aliases, fragment fan-out,
/// depth, cycles, self-nested introspection, many errors, big bodies) are refused quickly with
/// QUERY_TOO_COMPLEX and a small answer; the standard introspection queries of tools work.
/// </summary>
public sealed class GraphQLLimitsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TiktokFactory _f = new();
    private HttpClient Http => _http ??= _f.CreateClient();
    private HttpClient? _http;

    public void Dispose()
    {
        _f.Dispose();
        _f.DeleteData();
    }

    /// <summary>Each hostile shape, all within the 32 KiB query limit.</summary>
    public static TheoryData<string, string> AbuseShapes() => new()
    {
        { "1,600 aliases", "{ " + string.Concat(Enumerable.Range(0, 1600).Select(i => $"a{i}: __typename ")) + "}" },
        { "1,200 aliases, one response name", "{ " + string.Concat(Enumerable.Range(0, 1200).Select(i => $"a: video(id: {i}) {{ id }} ")) + "}" },
        { "1,200 fields under one name, no alias", "{ " + string.Concat(Enumerable.Range(0, 1200).Select(i => $"video(id: {i}) {{ id }} ")) + "}" },
        { "64 fragments of one field under one name", "{ " + string.Concat(Enumerable.Range(0, 64).Select(i => $"...F{i} ")) + "}" + string.Concat(Enumerable.Range(0, 64).Select(i => $" fragment F{i} on Query {{ video(id: {i}) {{ id }} }}")) },
        { "2,500 fields", "{ " + string.Concat(Enumerable.Repeat("__typename ", 2500)) + "}" },
        { "fragments spread twice per level, 25 levels", FanOut(25) },
        { "fragments spread twice per level, 30 levels", FanOut(30) },
        { "a fragment cycle", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }" },
        { "20 levels deep", "{ feed { nodes { author { " + string.Concat(Enumerable.Repeat("followers { nodes { ", 8)) + "id" + new string('}', 8 * 2 + 4) },
        { "introspection nested in itself", "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }" },
        { "deep introspection", "{ __schema { types { " + string.Concat(Enumerable.Repeat("ofType { ", 20)) + "name" + new string('}', 23) },
        { "nesting beyond the parser depth", "{ __schema { types { " + string.Concat(Enumerable.Repeat("ofType { ", 60)) + "name" + new string('}', 63) },
        { "300 fragment spreads", "{ " + string.Concat(Enumerable.Repeat("...F ", 300)) + "} fragment F on Query { __typename }" },
        { "100 directives", "{ __typename " + string.Concat(Enumerable.Repeat("@include(if: true) ", 100)) + "}" },
    };

    private static string FanOut(int levels)
    {
        var sb = new StringBuilder("{ ...F0 }");
        for (var i = 0; i < levels; i++) sb.Append($" fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}");
        sb.Append($" fragment F{levels} on Query {{ __typename }}");
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(AbuseShapes))]
    public async Task A_hostile_document_is_refused_before_validation_with_a_small_answer(string shape, string query)
    {
        Assert.True(query.Length <= 32 * 1024, $"{shape} is {query.Length} characters");
        await WarmAsync();
        var (status, body, bytes, allocated) = await MeasuredAsync(query);
        output.WriteLine($"{shape}: {query.Length} chars, HTTP {(int)status}, answer {bytes} B, {allocated / 1024} KiB allocated: {body}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", body.ErrorCode());
        Assert.Equal(6003, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
        Assert.True(bytes < 4096, $"{shape}: the answer is {bytes} bytes");
        Assert.True(allocated < 10 * 1024 * 1024, $"{shape}: the request allocated {allocated / 1024} KiB");
    }

    [Fact]
    public async Task Every_error_has_one_shape_code_and_status_code_where_the_catalogue_has_one()
    {
        var (_, validation) = await Http.GraphQLAsync("{ nope }");
        var extensions = validation.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal(["code"], extensions.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", extensions.GetProperty("code").GetString());

        var (_, syntax) = await Http.GraphQLAsync("{ feed {");
        Assert.Equal(["code"], syntax.GetProperty("errors")[0].GetProperty("extensions").EnumerateObject().Select(p => p.Name).ToArray());

        var (_, refusal) = await Http.GraphQLAsync("mutation { likeVideo(videoId: 1) { id } }");
        var domain = refusal.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal(["code", "status_code"], domain.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task Many_validation_errors_are_cut_to_the_limit()
    {
        // 100 fields the schema does not have: one error each.
        var query = "{ " + string.Concat(Enumerable.Range(0, 100).Select(i => $"nope{i} ")) + "}";
        var (status, body) = await Http.GraphQLAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.Equal(25, errors.GetArrayLength());
        Assert.Contains("more errors are not shown", errors[24].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("introspection-graphql-js.graphql")]
    [InlineData("introspection-graphql-js-all-options.graphql")]
    public async Task The_standard_introspection_query_of_graphql_js_answers_the_schema(string file)
    {
        var query = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", file));
        var data = await Http.DataAsync(query);
        var types = data.GetProperty("__schema").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Video", types);
        Assert.Contains("User", types);
        Assert.Equal("Query", data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Introspection_can_be_turned_off_by_configuration()
    {
        using var off = new TiktokFactory(settings: new() { ["Tiktok:GraphQL:Introspection"] = "false" });
        using var http = off.CreateClient();
        var (status, body) = await http.GraphQLAsync("{ __schema { queryType { name } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", body.ErrorCode());
        Assert.Contains("introspection is turned off", body.GetProperty("errors")[0].GetProperty("message").GetString());
        await http.DataAsync("{ __typename feed(first: 1) { nodes { id } } }");
        off.DeleteData();
    }

    [Fact]
    public async Task Complexity_is_enforced_on_a_cached_document_with_list_sizes_from_variables()
    {
        const string query = "query($n: Int) { feed(first: $n) { nodes { comments(first: $n) { nodes { user { videos(first: $n) { nodes { comments(first: $n) { nodes { id } } } } } } } } } }";
        var (fresh, freshBody) = await Http.GraphQLAsync(query, new { n = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, fresh);
        Assert.Contains("complex", freshBody.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        var extensions = freshBody.GetProperty("errors")[0].GetProperty("extensions");
        Assert.Equal("QUERY_TOO_COMPLEX", extensions.GetProperty("code").GetString());
        Assert.Equal(6003, extensions.GetProperty("status_code").GetInt32());
        await Http.DataAsync(query, new { n = 1 });
        await Http.DataAsync(query, new { n = 1 }); // now served from the document cache
        var (status, body) = await Http.GraphQLAsync(query, new { n = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("complex", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_refused_with_413()
    {
        var variables = new { big = new string('x', 300 * 1024) };
        var (status, body) = await Http.GraphQLAsync("query($big: String) { __typename s: video(id: $big) { id } }", variables);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("REQUEST_TOO_LARGE", body.ErrorCode());
    }

    [Fact]
    public async Task Deep_nesting_beyond_the_parser_depth_is_a_syntax_error_not_a_crash()
    {
        var query = string.Concat(Enumerable.Repeat("{ a ", 5000)) + new string('}', 5000);
        var (status, body) = await Http.GraphQLAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").GetArrayLength() >= 1);
        await Http.DataAsync("{ __typename }"); // the server is fine
    }

    [Fact]
    public async Task Automatic_persisted_queries_miss_then_register_then_hit()
    {
        const string query = "{ feed(first: 1) { nodes { id } } }";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(query)));
        var extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } };

        var (missStatus, miss) = await PostAsync(new { extensions });
        Assert.Equal(HttpStatusCode.OK, missStatus);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", miss.ErrorCode());
        Assert.Equal(1008, miss.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());

        var (registerStatus, registered) = await PostAsync(new { query, extensions });
        Assert.Equal(HttpStatusCode.OK, registerStatus);
        Assert.True(registered.GetProperty("data").TryGetProperty("feed", out _));

        // By hash alone, over POST and over GET (cacheable by URLs).
        var (hitStatus, hit) = await PostAsync(new { extensions });
        Assert.Equal(HttpStatusCode.OK, hitStatus);
        Assert.True(hit.GetProperty("data").TryGetProperty("feed", out _), hit.ToString());
        using var get = await Http.GetAsync("/graphql?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(extensions)));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        var (wrongStatus, wrong) = await PostAsync(new { query = "{ __typename }", extensions });
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Equal("INVALID_VALUE", wrong.ErrorCode());
        Assert.Contains("sha256Hash", wrong.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_for_application_json_clients_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\": ", Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<(HttpStatusCode, JsonElement)> PostAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private async Task WarmAsync()
    {
        await Http.DataAsync("{ __typename }");
        await MeasuredAsync("{ __typename }");
    }

    /// <summary>One request, with the bytes this process allocated while it ran (server and client: an upper bound).</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body, int Bytes, long Allocated)> MeasuredAsync(string query)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsByteArrayAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"  cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F1} ms (whole process)");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, text.Length, allocated);
    }
}
