using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Schema.RequestLimits;

namespace Tiktok.Schema.Http;

/// <summary>
/// The operations registered at start (the web client's, <c>wwwroot/js/operations.graphql</c>), by
/// SHA-256 of their document text; never evicted. Which of them run, and whether anything else may,
/// is <see cref="GraphQLOptions.TrustedDocuments"/> (docs/graphql.md, "Trusted documents").
/// </summary>
public sealed class TrustedDocuments : IHostedService
{
    private readonly FrozenDictionary<string, TrustedOperation> _byHash;

    public TrustedDocuments(IOptions<GraphQLOptions> options, IWebHostEnvironment environment, ILogger<TrustedDocuments> logger)
    {
        var o = options.Value;
        Mode = o.TrustedDocuments;
        Operations = [];
        if (Mode != TrustedDocumentsMode.Off)
        {
            var path = Path.IsPathRooted(o.TrustedDocumentsFile)
                ? o.TrustedDocumentsFile
                : Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), o.TrustedDocumentsFile);
            if (File.Exists(path))
                Operations = Parse(File.ReadAllText(path), path);
            else if (Mode == TrustedDocumentsMode.Only)
                throw new InvalidOperationException($"{GraphQLOptions.Section}:TrustedDocuments is Only, but {GraphQLOptions.Section}:TrustedDocumentsFile '{path}' does not exist");
            else
                logger.LogWarning("No trusted documents registered: {Path} does not exist ({Section}:TrustedDocumentsFile)", path, GraphQLOptions.Section);
        }
        _byHash = Operations.ToFrozenDictionary(op => op.Sha256, StringComparer.Ordinal);
        if (Mode != TrustedDocumentsMode.Off)
            logger.LogInformation("Trusted documents: {Count} operations registered, mode {Mode}", Operations.Count, Mode);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public TrustedDocumentsMode Mode { get; }

    public IReadOnlyList<TrustedOperation> Operations { get; }

    public bool TryGet(string sha256, out TrustedOperation? operation) => _byHash.TryGetValue(sha256, out operation);

    /// <summary>
    /// Each named operation of <paramref name="source"/> as the document a client sends: the operation's
    /// text as written, then each fragment it uses (directly or through others) in file order, separated
    /// by a blank line. Refuses anonymous or repeated names, unknown fragments and a file without operations.
    /// </summary>
    public static IReadOnlyList<TrustedOperation> Parse(string source, string file = "operations file")
    {
        source = source.ReplaceLineEndings("\n"); // the same hashes whatever the checkout's line endings
        GraphQLDocument document;
        try { document = GraphQLParser.Parser.Parse(source); }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException e) { throw new InvalidOperationException($"{file}: {e.Message}", e); }

        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToList();
        var fragmentsByName = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var f in fragments)
            if (!fragmentsByName.TryAdd(f.FragmentName.Name.StringValue, f))
                throw new InvalidOperationException($"{file}: fragment {f.FragmentName.Name.StringValue} is defined twice");

        var operations = new List<TrustedOperation>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var name = op.Name?.StringValue ?? throw new InvalidOperationException($"{file}: every operation needs a name (one at {op.Location.Start} has none)");
            if (!names.Add(name)) throw new InvalidOperationException($"{file}: operation {name} is defined twice");
            var used = new HashSet<string>(StringComparer.Ordinal);
            CollectSpreads(op.SelectionSet, fragmentsByName, used, file);
            var text = new StringBuilder(Slice(source, op));
            foreach (var f in fragments.Where(f => used.Contains(f.FragmentName.Name.StringValue)))
                text.Append("\n\n").Append(Slice(source, f));
            var documentText = text.ToString();
            operations.Add(new TrustedOperation(name, documentText, Sha256(documentText)));
        }
        if (operations.Count == 0) throw new InvalidOperationException($"{file}: no operations");
        return operations;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A definition as written, up to its closing brace (the parser's end may take in the comments after it).</summary>
    private static string Slice(string source, ASTNode node) =>
        source[node.Location.Start..(source.LastIndexOf('}', node.Location.End - 1) + 1)];

    private static void CollectSpreads(GraphQLSelectionSet? set, Dictionary<string, GraphQLFragmentDefinition> fragments,
        HashSet<string> used, string file)
    {
        if (set is null) return;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    CollectSpreads(field.SelectionSet, fragments, used, file);
                    break;
                case GraphQLInlineFragment inline:
                    CollectSpreads(inline.SelectionSet, fragments, used, file);
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var fragment)) throw new InvalidOperationException($"{file}: unknown fragment {name}");
                    if (used.Add(name)) CollectSpreads(fragment.SelectionSet, fragments, used, file);
                    break;
            }
        }
    }
}
