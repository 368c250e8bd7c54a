using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>Scalar's reference of the REST API at /docs/api (enabled for this server): it renders under its CSP from this server alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task The_api_reference_renders_every_area_under_its_policy_and_fetches_nothing_from_outside()
    {
        ChromiumFactAttribute.RequireChromium();
        var context = await fixture.NewContextAsync(phone: false);
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
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
            """);
        try
        {
            var response = await page.GotoAsync("/docs/api/");
            Assert.NotNull(response);
            Assert.Equal(200, response.Status);
            Assert.Contains("'nonce-", await response.HeaderValueAsync("content-security-policy") ?? "");
            // The document was loaded and rendered: its title and the first area's operation.
            await Expect(page.GetByText("The video feed").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByText("Tiktok REST compatibility API (/douyin)").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "api-reference.png") });
            await page.WaitForTimeoutAsync(500);
            // Scalar's bundle tries an eval at load (a probe: the page works without it); the policy keeps
            // 'unsafe-eval' out, and that one refusal is expected. Anything else is a problem.
            lock (problems)
            {
                var unexpected = problems.Where(p => !p.EndsWith("script-src blocked eval", StringComparison.Ordinal)).ToList();
                Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
            }
            lock (requests)
                Assert.DoesNotContain(requests, u => !u.StartsWith(fixture.BaseUrl + "/", StringComparison.Ordinal) &&
                                                 !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal));
        }
        finally
        {
            await context.DisposeAsync();
        }
    }
}
