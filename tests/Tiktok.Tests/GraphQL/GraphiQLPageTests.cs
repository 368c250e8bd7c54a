using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tiktok.Schema.Http;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>GET /graphql: a browser's navigation gets GraphiQL under its CSP; GraphQL over HTTP GETs still get JSON.</summary>
public abstract class GraphiQLPageTests : IDisposable
{
    public sealed class Sqlite() : GraphiQLPageTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : GraphiQLPageTests(TestDatabases.Postgres);

    /// <summary>What Chromium sends when a person opens the URL.</summary>
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly string _database;
    private readonly List<TiktokFactory> _factories = [];

    private GraphiQLPageTests(string database) => _database = database;

    public void Dispose()
    {
        foreach (var f in _factories) f.DeleteData();
    }

    private HttpClient Client(Dictionary<string, string?>? settings = null)
    {
        var factory = new TiktokFactory(settings: settings, database: _database);
        _factories.Add(factory);
        return factory.CreateClient();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await http.SendAsync(request);
    }

    [DatabaseFact]
    public async Task A_browser_gets_the_GraphiQL_page_with_its_CSP_and_every_file_it_names_is_served()
    {
        var http = Client();
        using var page = await GetAsync(http, "/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(GraphiQLPage.ContentSecurityPolicy, csp);
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]); // no inline script, no eval, no CDN
        Assert.Equal("worker-src 'self'", directives["worker-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Contains("Accept", page.Headers.Vary);

        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html); // CSP would refuse it anyway
        var assets = Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/graphiql/graphiql.js", assets);
        Assert.Contains("/graphiql/graphiql.css", assets);
        // The workers are named by the script (Monaco asks for them by label), not by the page.
        foreach (var asset in assets.Concat(["/graphiql/editor.worker.js", "/graphiql/json.worker.js", "/graphiql/graphql.worker.js"]))
        {
            Assert.StartsWith("/", asset); // the server's own files, no other origin
            using var file = await http.GetAsync(asset);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{asset}: HTTP {(int)file.StatusCode}");
        }
        using var script = await http.GetAsync("/graphiql/graphiql.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [DatabaseFact]
    public async Task A_GET_with_a_query_answers_GraphQL_JSON_even_when_it_accepts_HTML()
    {
        var http = Client();
        using var answer = await GetAsync(http, "/graphql?query=" + Uri.EscapeDataString("{ feed(first: 2) { edges { node { id title } } } }"), BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType); // a browser names */*, not graphql-response+json
        Assert.False(answer.Headers.Contains("Content-Security-Policy") && answer.Headers.GetValues("Content-Security-Policy").Contains(GraphiQLPage.ContentSecurityPolicy));
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.TryGetProperty("errors", out var errors), $"errors: {errors}");
        Assert.Equal(JsonValueKind.Array, body.GetProperty("data").GetProperty("feed").GetProperty("edges").ValueKind);
    }

    [DatabaseFact]
    public async Task A_client_that_does_not_ask_for_HTML_gets_GraphQL_over_HTTP_not_the_page()
    {
        var http = Client();
        using var answer = await GetAsync(http, "/graphql", "application/graphql-response+json, application/json");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(GraphQLEndpoint.GraphQLResponse, answer.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEqual(0, body.GetProperty("errors").GetArrayLength()); // the query is missing
    }

    [DatabaseFact]
    public async Task An_operator_can_turn_the_IDE_off()
    {
        var http = Client(new() { ["Tiktok:GraphQL:Ide"] = "false" });
        using var answer = await GetAsync(http, "/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEqual(0, body.GetProperty("errors").GetArrayLength()); // the query is missing
    }
}
