using System.Text.Json;
using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>GraphiQL at /graphql: loads the schema, runs a query with a token from its headers editor, under its CSP.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphiQLTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task A_browser_opening_graphql_gets_GraphiQL_that_runs_a_query_with_the_token_from_its_headers()
    {
        ChromiumFactAttribute.RequireChromium();
        var name = AppPage.UniqueName("ide");
        var token = await fixture.RegisterAsync(name);
        var title = "ide_" + Guid.NewGuid().ToString("N")[..10];
        await fixture.PublishAsync(token, title);

        await using var ide = await Ide.OpenAsync(fixture);
        try
        {
            // The schema arrives by introspection, and the docs explorer shows it.
            await ide.Page.GetByLabel("Show Documentation Explorer").ClickAsync();
            var docs = ide.Page.Locator(".graphiql-doc-explorer");
            await Expect(docs.GetByText("Query", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await docs.GetByText("Query", new() { Exact = true }).ClickAsync();
            await Expect(docs.GetByText("feed", new() { Exact = true })).ToBeVisibleAsync();

            await ide.SetQueryAsync("{ feed(first: 2) { edges { node { id title } } } me { name } }");
            await ide.SetHeadersAsync($$"""{"Authorization": "Bearer {{token}}"}""");
            await ide.Page.Locator(".graphiql-execute-button").ClickAsync();

            var result = ide.Page.Locator(".result-window");
            await Expect(result).ToContainTextAsync(title, new() { Timeout = 30_000 });
            await Expect(result).ToContainTextAsync(name);
            await Expect(result).Not.ToContainTextAsync("errors");
            await ide.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "graphiql.png") });
            ide.AssertNoProblems();
        }
        catch (Exception e)
        {
            throw await ide.FailureAsync(e, "failure-graphiql");
        }
    }

    /// <summary>
    /// The client side of subscriptions: a graphql-transport-ws socket to this host's /graphql, with the
    /// headers editor's token in connection_init. The test answers the socket itself, speaking the
    /// protocol (a wrong or missing token is closed with 4403), so this holds whatever the server's
    /// subscription fields are; the server side has its own tests.
    /// </summary>
    [ChromiumFact]
    public async Task A_subscription_goes_over_graphql_transport_ws_to_the_same_host_with_the_token_in_connection_init()
    {
        ChromiumFactAttribute.RequireChromium();
        await using var ide = await Ide.OpenAsync(fixture, async page =>
        {
            await page.RouteWebSocketAsync(fixture.BaseUrl.Replace("http://", "ws://") + "/graphql", ws =>
            {
                ws.OnMessage(frame =>
                {
                    var message = JsonDocument.Parse(frame.Text!).RootElement;
                    switch (message.GetProperty("type").GetString())
                    {
                        case "connection_init" when message.TryGetProperty("payload", out var p) &&
                                                    p.TryGetProperty("token", out var t) && t.GetString() == "token-from-headers":
                            ws.Send("""{"type":"connection_ack"}""");
                            break;
                        case "connection_init":
                            _ = ws.CloseAsync(new() { Code = 4403, Reason = "Forbidden" });
                            break;
                        case "subscribe":
                            var id = message.GetProperty("id").GetString();
                            ws.Send(JsonSerializer.Serialize(new { id, type = "next", payload = new { data = new { tick = "pushed over the socket" } } }));
                            ws.Send(JsonSerializer.Serialize(new { id, type = "complete" }));
                            break;
                    }
                });
            });
        });
        try
        {
            await ide.SetQueryAsync("subscription Ticks { tick }");
            await ide.SetHeadersAsync("""{"Authorization": "Bearer token-from-headers"}""");
            await ide.Page.Locator(".graphiql-execute-button").ClickAsync();
            await Expect(ide.Page.Locator(".result-window")).ToContainTextAsync("pushed over the socket", new() { Timeout = 30_000 });
            ide.AssertNoProblems(); // connect-src 'self' lets the page open ws:// to its own host
        }
        catch (Exception e)
        {
            throw await ide.FailureAsync(e, "failure-graphiql-subscription");
        }
    }

    /// <summary>One GraphiQL page in its own context, recording console errors, CSP refusals and every request.</summary>
    private sealed class Ide : IAsyncDisposable
    {
        private readonly BrowserFixture _fixture;
        private readonly IBrowserContext _context;
        private readonly List<string> _problems = [];
        private readonly List<string> _requests = [];

        private Ide(BrowserFixture fixture, IBrowserContext context, IPage page)
        {
            _fixture = fixture;
            _context = context;
            Page = page;
        }

        public IPage Page { get; }

        public static async Task<Ide> OpenAsync(BrowserFixture fixture, Func<IPage, Task>? beforeLoad = null)
        {
            var context = await fixture.NewContextAsync(phone: false);
            var page = await context.NewPageAsync();
            var ide = new Ide(fixture, context, page);
            page.Console += (_, m) =>
            {
                if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                    lock (ide._problems) ide._problems.Add($"console {m.Type}: {m.Text}");
            };
            page.PageError += (_, e) => { lock (ide._problems) ide._problems.Add("page error: " + e); };
            context.Request += (_, r) => { lock (ide._requests) ide._requests.Add(r.Url); };
            // The browser reports every CSP refusal as an event too, for styles and workers as well.
            await context.AddInitScriptAsync("""
                document.addEventListener('securitypolicyviolation', e =>
                  console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
                """);
            if (beforeLoad is not null) await beforeLoad(page);

            var response = await page.GotoAsync("/graphql");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "");
            await Expect(page.Locator("section.graphiql-query-editor .monaco-editor")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            return ide;
        }

        /// <summary>Replaces the operation, as a person pastes it (typed key by key, Monaco would add its own closing brackets).</summary>
        public Task SetQueryAsync(string text) => ReplaceAsync(Page.Locator("section.graphiql-query-editor .monaco-editor"), text);

        /// <summary>Opens the Headers tab and replaces its JSON.</summary>
        public async Task SetHeadersAsync(string json)
        {
            await Page.Locator(".graphiql-editor-tools button[data-name='headers']").ClickAsync();
            var editor = Page.Locator("section.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor");
            await Expect(editor).ToBeVisibleAsync();
            await ReplaceAsync(editor, json);
        }

        private async Task ReplaceAsync(ILocator editor, string text)
        {
            await editor.ClickAsync();
            await Page.Keyboard.PressAsync("ControlOrMeta+A");
            await Page.Keyboard.PressAsync("Backspace"); // else Monaco wraps the selection in the first character, '{'
            await Page.Keyboard.InsertTextAsync(text);
        }

        /// <summary>No error, no CSP refusal, nothing loaded from another origin.</summary>
        public void AssertNoProblems()
        {
            lock (_problems) Assert.True(_problems.Count == 0, "the page must load and run with no error and no CSP violation:\n" + string.Join("\n", _problems));
            lock (_requests)
            {
                var foreign = _requests.Where(u => !u.StartsWith(_fixture.BaseUrl + "/", StringComparison.Ordinal) &&
                                                   !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
                Assert.True(foreign.Count == 0, "GraphiQL must load nothing from elsewhere: " + string.Join(", ", foreign));
            }
        }

        public async Task<Exception> FailureAsync(Exception e, string screenshot)
        {
            await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, screenshot + ".png") });
            lock (_problems) return new Exception($"{e.Message}\nproblems: {string.Join(" | ", _problems)}\n{_fixture.LogTail()}", e);
        }

        public async ValueTask DisposeAsync() => await _context.CloseAsync();
    }
}
