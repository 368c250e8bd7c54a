using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tiktok.Schema.Http;
using Tiktok.Tests.Units;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// The web client's operations: wwwroot/js/operations.graphql is the one place its GraphQL documents
/// are written, operations.js (what the browser imports) is generated from it exactly as the server
/// registers them, and no other script builds a document.
/// </summary>
public sealed class TrustedDocumentsFileTests
{
    internal static string WebJs => Path.Combine(ErrorCatalogueTests.RepoRoot(), "src", "Server", "wwwroot", "js");

    internal static IReadOnlyList<TrustedOperation> Registered() =>
        TrustedDocuments.Parse(File.ReadAllText(Path.Combine(WebJs, "operations.graphql")));

    /// <summary>operations.js as generated from the operations the server registers.</summary>
    internal static string Module(IReadOnlyList<TrustedOperation> operations)
    {
        var js = new StringBuilder();
        js.Append("// Generated from operations.graphql, do not edit: after changing that file run\n");
        js.Append("// UPDATE_OPERATIONS=1 dotnet test tests/Tiktok.Tests --filter TrustedDocumentsFileTests\n");
        js.Append("// Each operation's exact document and its SHA-256, the id the server registered it under at start.\n");
        foreach (var op in operations)
            js.Append($"export const {op.Name} = Object.freeze({{ name: {JsonSerializer.Serialize(op.Name)}, sha256: \"{op.Sha256}\",\n")
              .Append($"  document: {JsonSerializer.Serialize(op.Document)} }});\n");
        return js.ToString();
    }

    [Fact]
    public void Operations_js_is_generated_from_operations_graphql()
    {
        var expected = Module(Registered());
        var path = Path.Combine(WebJs, "operations.js");
        if (Environment.GetEnvironmentVariable("UPDATE_OPERATIONS") == "1") File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "wwwroot/js/operations.js is missing: run the tests once with UPDATE_OPERATIONS=1");
        Assert.True(File.ReadAllText(path).ReplaceLineEndings("\n") == expected,
            "wwwroot/js/operations.js differs from operations.graphql: run the tests with UPDATE_OPERATIONS=1 and commit both");
    }

    [Fact]
    public void No_script_of_the_web_client_writes_a_GraphQL_document_of_its_own()
    {
        var documentText = new Regex(@"\b(query|mutation|subscription)\s+\w*\s*[({]|\{\s*(me|feed|video|user)\s*[({]");
        foreach (var file in Directory.GetFiles(WebJs, "*.js").Where(f => Path.GetFileName(f) != "operations.js"))
        {
            var text = File.ReadAllText(file);
            var hit = documentText.Match(text);
            Assert.False(hit.Success, $"{Path.GetFileName(file)} writes a GraphQL document ('{hit.Value}'): put it in operations.graphql");
        }
    }

    [Fact]
    public void Each_document_is_its_operation_and_the_fragments_it_uses_and_bad_files_are_refused()
    {
        var ops = TrustedDocuments.Parse("""
            fragment A on User { id ...B }
            fragment B on User { name }
            fragment C on Video { id }
            query One($id: ID!) { user(id: $id) { ...A } }
            query Two { feed { nodes { id } } }
            """);
        Assert.Equal(["One", "Two"], ops.Select(o => o.Name));
        Assert.Equal("query One($id: ID!) { user(id: $id) { ...A } }\n\nfragment A on User { id ...B }\n\nfragment B on User { name }", ops[0].Document);
        Assert.Equal("query Two { feed { nodes { id } } }", ops[1].Document);
        Assert.Equal(TrustedDocuments.Sha256(ops[1].Document), ops[1].Sha256);

        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.Parse("{ feed { nodes { id } } }"));
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.Parse("query A { me { id } } query A { me { id } }"));
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.Parse("query A { me { ...Missing } }"));
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.Parse("query A { me { id }"));
        Assert.Throws<InvalidOperationException>(() => TrustedDocuments.Parse("fragment F on User { id }"));
    }
}
