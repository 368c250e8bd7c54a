using System.Collections.Concurrent;

namespace Tiktok.Testing;

/// <summary>
/// What a test assembly did not test on this machine: its skipped tests grouped by reason, and checks
/// that ran nothing (<see cref="NotRun"/>), written to <c>test-skips.txt</c> beside the assembly, with
/// how to run them in <c>test-skip-hints.txt</c>; tests/Directory.Build.targets prints both after <c>dotnet test</c>.
/// </summary>
public static class SkipReport
{
    public const string SkipsFile = "test-skips.txt";
    public const string HintsFile = "test-skip-hints.txt";

    private static readonly ConcurrentDictionary<string, int> NotRunReasons = new();

    /// <summary>How to run what a reason names, by a word the reason contains.</summary>
    private static readonly (string Word, string Hint)[] Hints =
    [
        ("TIKTOK_TEST_POSTGRES", "PostgreSQL: a server with a role that may create databases, then export TIKTOK_TEST_POSTGRES=\"Host=127.0.0.1;Username=tiktok;Password=tiktok;Database=postgres\""),
        ("TIKTOK_TEST_REDIS", "Redis: redis-server --port 6379, then export TIKTOK_TEST_REDIS=127.0.0.1:6379"),
        ("TIKTOK_TEST_S3", "S3: s3rver -d /tmp/s3 -a 127.0.0.1 -p 4569 --configure-bucket media (npm install s3rver@3.7.1), then export TIKTOK_TEST_S3=http://127.0.0.1:4569"),
        ("chromium", "Chromium: apt-get install chromium (the browser tests drive /usr/bin/chromium)"),
        ("ffmpeg", "ffmpeg: apt-get install ffmpeg"),
        ("cluster", "the cluster: what scripts/cluster.sh up needs (PostgreSQL's pg_ctl, redis-server, nginx, curl, ffmpeg, s3rver or npm)"),
        ("npm ci", "Node.js tools: npm ci in tests/tools/graphql-ws, tools/graphql-http-audit and tools/openapi-lint"),
    ];

    /// <summary>Records a check that did not run without being a skipped test (a tool is missing, a theory row not generated), so the summary names it.</summary>
    public static void NotRun(string reason) => NotRunReasons.AddOrUpdate(reason, 1, (_, n) => n + 1);

    internal static void Clear()
    {
        foreach (var file in new[] { SkipsFile, HintsFile })
            File.Delete(Path.Combine(AppContext.BaseDirectory, file));
    }

    internal static void Write(string assembly, IReadOnlyDictionary<string, int> skipped)
    {
        var lines = skipped.OrderByDescending(s => s.Value).ThenBy(s => s.Key)
            .Select(s => $"{assembly}: {s.Value} skipped: {s.Key}")
            .Concat(NotRunReasons.OrderBy(r => r.Key).Select(r => $"{assembly}: {r.Value} not run: {r.Key}"))
            .ToList();
        var reasons = skipped.Keys.Concat(NotRunReasons.Keys).ToList();
        var hints = Hints.Where(h => reasons.Any(r => r.Contains(h.Word, StringComparison.OrdinalIgnoreCase))).Select(h => h.Hint);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, SkipsFile), lines);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, HintsFile), hints);
    }
}
