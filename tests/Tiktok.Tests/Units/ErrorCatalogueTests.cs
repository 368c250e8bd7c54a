using System.Text.RegularExpressions;
using Tiktok.Core.Errors;

namespace Tiktok.Tests.Units;

public sealed class ErrorCatalogueTests
{
    [Fact]
    public void Docs_list_every_error_code_with_its_number()
    {
        var docs = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
        var documented = Regex.Matches(docs, @"^\|\s*(\d+)\s*\|\s*`(\w+)`", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[2].Value, m => int.Parse(m.Groups[1].Value));
        var actual = Enum.GetValues<ErrorCode>().ToDictionary(c => c.ToString(), c => (int)c);
        Assert.Equal(actual.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiktok.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tiktok.sln not found above the test assembly");
    }
}
