using System.Diagnostics;
using Tiktok.EndToEnd.Infrastructure;
using Xunit.Abstractions;

namespace Tiktok.EndToEnd.Tests;

/// <summary>
/// graphql-http's serverAudits (npm, tools/graphql-http-audit) against the server under test: no
/// MUST and no SHOULD of GraphQL over HTTP may fail. Needs Node.js and `npm ci` in that folder
/// (.ci/run does it); elsewhere the test says what to run, and fails under CI=true.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class GraphQLHttpAuditTests(ServerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_graphql_over_http_audit_passes_every_must_and_should()
    {
        var folder = FindAuditFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "graphql-http")))
        {
            var how = $"run `npm ci` in {folder} (Node.js 20) to audit GraphQL over HTTP";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", how);
            output.WriteLine("not audited: " + how);
            return;
        }
        var start = new ProcessStartInfo("node", ["audit.mjs", fixture.BaseUrl + "/graphql"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        Assert.True(node.ExitCode == 0, $"graphql-http audit failed:\n{await stdout}\n{await stderr}");
    }

    private static string FindAuditFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "graphql-http-audit");
            if (File.Exists(Path.Combine(candidate, "audit.mjs"))) return candidate;
        }
        throw new InvalidOperationException("tools/graphql-http-audit not found above " + AppContext.BaseDirectory);
    }
}
