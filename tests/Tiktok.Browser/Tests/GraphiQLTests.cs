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

        await using var context = await fixture.NewContextAsync(phone: false);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (problems) problems.Add($"console {m.Type}: {m.Text}");
        };
        page.PageError += (_, e) => { lock (problems) problems.Add("page error: " + e); };
        context.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        // The browser reports every CSP refusal as an event too, also for workers and styles.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
            """);
        try
        {
            var response = await page.GotoAsync("/graphql");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "");

            // The editor is Monaco; the schema arrives by introspection, and the docs explorer shows it.
            var queryEditor = page.Locator("section.graphiql-query-editor .monaco-editor");
            await Expect(queryEditor).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByLabel("Show Documentation Explorer").ClickAsync();
            var docs = page.Locator(".graphiql-doc-explorer");
            await Expect(docs.GetByText("Query", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await docs.GetByText("Query", new() { Exact = true }).ClickAsync();
            await Expect(docs.GetByText("feed", new() { Exact = true })).ToBeVisibleAsync();

            // The query, set as a person pastes it (typed key by key, Monaco would add its own closing brackets).
            await queryEditor.ClickAsync();
            await page.Keyboard.PressAsync("ControlOrMeta+A");
            await page.Keyboard.PressAsync("Backspace"); // else Monaco wraps the selection in the first character, '{'
            await page.Keyboard.InsertTextAsync("{ feed(first: 2) { edges { node { id title } } } me { name } }");

            // The token goes into the headers editor, as the page's own hint says.
            await page.Locator(".graphiql-editor-tools button[data-name='headers']").ClickAsync();
            var headersEditor = page.Locator("section.graphiql-editor-tool .graphiql-editor:not(.hidden) .monaco-editor");
            await Expect(headersEditor).ToBeVisibleAsync();
            await headersEditor.ClickAsync();
            await page.Keyboard.PressAsync("ControlOrMeta+A");
            await page.Keyboard.PressAsync("Backspace");
            await page.Keyboard.InsertTextAsync($$"""{"Authorization": "Bearer {{token}}"}""");

            await page.Locator(".graphiql-execute-button").ClickAsync();
            var result = page.Locator(".result-window");
            await Expect(result).ToContainTextAsync(title, new() { Timeout = 30_000 });
            await Expect(result).ToContainTextAsync(name);
            await Expect(result).Not.ToContainTextAsync("errors");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "graphiql.png") });

            lock (problems) Assert.True(problems.Count == 0, "the page must load and run with no error and no CSP violation:\n" + string.Join("\n", problems));
            lock (requests)
            {
                var foreign = requests.Where(u => !u.StartsWith(fixture.BaseUrl + "/", StringComparison.Ordinal) &&
                                                  !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
                Assert.True(foreign.Count == 0, "GraphiQL must load nothing from elsewhere: " + string.Join(", ", foreign));
            }
        }
        catch (Exception e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "failure-graphiql.png") });
            throw new Exception($"{e.Message}\nproblems: {string.Join(" | ", problems)}\n{fixture.LogTail()}", e);
        }
    }
}
