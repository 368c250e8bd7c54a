using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tiktok.EndToEnd.Infrastructure;
using Tiktok.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tiktok.Tests.ApiDescription;

/// <summary>
/// Where the OpenAPI document and Scalar's reference are served (Tiktok:ApiReference:Enabled),
/// that the reference's page loads nothing from outside, and the npm validator's verdict on the document.
/// </summary>
public sealed partial class ApiReferenceTests(ITestOutputHelper output)
{
    private static TiktokFactory Host(string environment, string? enabled = null)
    {
        var settings = new Dictionary<string, string?> { ["environment"] = environment };
        if (enabled is not null) settings["Tiktok:ApiReference:Enabled"] = enabled;
        return new TiktokFactory(settings: settings);
    }

    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", null, true)]
    [InlineData("Development", "false", false)]
    public async Task The_document_and_the_reference_are_served_in_development_or_when_enabled(string environment, string? enabled, bool served)
    {
        using var f = Host(environment, enabled);
        try
        {
            var http = f.CreateClient();
            Assert.Equal(environment, f.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
            var expected = served ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await http.GetAsync("/openapi/douyin.json")).StatusCode);
            Assert.Equal(expected, (await http.GetAsync("/docs/api/")).StatusCode);
            // The REST API itself is served either way.
            Assert.Equal(0, (await http.GetJsonAsync("/douyin/feed/")).Status());
        }
        finally { f.DeleteData(); }
    }

    [Fact]
    public void A_setting_other_than_true_or_false_stops_the_start_naming_it()
    {
        using var f = Host("Production", "yes");
        try
        {
            var e = Assert.Throws<OptionsValidationException>(() => f.CreateClient());
            Assert.Contains("Tiktok:ApiReference:Enabled must be true or false, not 'yes'", e.Message);
        }
        finally { f.DeleteData(); }
    }

    [Fact]
    public async Task The_reference_page_runs_only_this_servers_scripts_by_a_fresh_nonce_and_fetches_nothing_from_outside()
    {
        using var f = Host("Development");
        try
        {
            var http = f.CreateClient();
            var nonces = new HashSet<string>();
            for (var i = 0; i < 3; i++)
            {
                using var page = await http.GetAsync("/docs/api/");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                var html = await page.Content.ReadAsStringAsync();
                var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
                var nonce = Assert.Single(NonceInPolicy().Matches(csp)).Groups[1].Value;
                Assert.True(nonces.Add(nonce), "the nonce was used twice");
                Assert.Contains("connect-src 'self';", csp);
                Assert.Contains("font-src 'self' data:;", csp);
                Assert.DoesNotContain("unsafe-eval", csp);
                var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
                Assert.Equal(3, scripts.Count);
                Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s));
                Assert.All(ScriptSource().Matches(html), m => Assert.DoesNotMatch("^(https?:)?//", m.Groups[1].Value));
                // Scalar's CDN fonts, telemetry, AI agent, MCP and its toolbar of scalar.com services are off.
                Assert.Contains("\"withDefaultFonts\":false", html);
                Assert.Contains("\"telemetry\":false", html);
                Assert.Contains("\"agent\":{\"disabled\":true}", html);
                Assert.Contains("\"mcp\":{\"disabled\":true}", html);
                Assert.Contains("\"showDeveloperTools\":\"never\"", html);
                Assert.Contains("openapi/douyin.json", html);
            }
            // Its bundle comes from this server.
            using var bundle = await http.GetAsync("/docs/api/scalar.js");
            Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
            // The web client keeps its own policy, without a nonce.
            using var home = await http.GetAsync("/");
            Assert.DoesNotContain("nonce", string.Join(";", home.Headers.GetValues("Content-Security-Policy")));
        }
        finally { f.DeleteData(); }
    }

    /// <summary>tools/openapi-lint: swagger-parser validates the document against the OpenAPI 3.1 schema, then our lint rules.</summary>
    [Fact]
    public async Task The_document_passes_the_npm_openapi_validator()
    {
        using var f = Host("Development");
        var file = Path.Combine(f.DataDir, "douyin.json");
        try
        {
            var document = await f.CreateClient().GetStringAsync("/openapi/douyin.json");
            Directory.CreateDirectory(f.DataDir);
            await File.WriteAllTextAsync(file, document);
            await NodeTool.RunAsync("tools/openapi-lint", "@apidevtools/swagger-parser", "lint.mjs", [file], output);
        }
        finally { f.DeleteData(); }
    }

    [GeneratedRegex("script-src [^;]*'nonce-([A-Za-z0-9_-]+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
