using System.Diagnostics;
using Tiktok.Testing;
using Xunit.Abstractions;

namespace Tiktok.EndToEnd.Infrastructure;

/// <summary>
/// A Node.js script of the repository (a folder with its package.json and lock file) run against the
/// server under test. Without its node_modules (`npm ci` there, as .ci/run does) the test says what
/// to run and passes, except under CI=true, where it fails.
/// </summary>
public static class NodeTool
{
    /// <summary>Runs `node script args` in <paramref name="folder"/> (relative to the repository) and fails the test on a non-zero exit.</summary>
    public static async Task RunAsync(string folder, string package, string script, string[] args, ITestOutputHelper output)
    {
        var directory = Find(folder);
        if (!Directory.Exists(Path.Combine(directory, "node_modules", package)))
        {
            var how = $"run `npm ci` in {directory} (Node.js 20) for this check";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", how);
            output.WriteLine("not checked: " + how);
            SkipReport.NotRun($"{folder}/{script} (passes unchecked): {how}");
            return;
        }
        var start = new ProcessStartInfo("node", [script, .. args])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        output.WriteLine(await stdout);
        Assert.True(node.ExitCode == 0, $"{folder}/{script} failed:\n{await stdout}\n{await stderr}");
    }

    private static string Find(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, folder);
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new InvalidOperationException($"{folder} not found above {AppContext.BaseDirectory}");
    }
}
