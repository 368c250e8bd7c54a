using System.ComponentModel.DataAnnotations;

namespace Tiktok.Schema.RequestLimits;

/// <summary>
/// <c>Tiktok:GraphQL</c>: the bounds every GraphQL request is held to, checked on the parsed
/// document before validation and during execution, and the IDE; docs/graphql.md lists each.
/// </summary>
public sealed class GraphQLOptions
{
    public const string Section = "Tiktok:GraphQL";

    /// <summary>Longest query text, in characters.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxQueryLength { get; set; } = 32 * 1024;

    /// <summary>Largest JSON request body (query, variables, extensions), in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Most field selections after fragments are expanded, over every operation of the document.</summary>
    [Range(1, 1_000_000)]
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Most pairs of fields under one response name in one selection set (validation compares each pair).</summary>
    [Range(0, 1_000_000)]
    public int MaxFieldMergePairs { get; set; } = 1_000;

    /// <summary>Most aliases written in the document.</summary>
    [Range(0, 100_000)]
    public int MaxAliases { get; set; } = 64;

    /// <summary>Most fragment spreads written in the document (inline fragments included).</summary>
    [Range(0, 100_000)]
    public int MaxFragmentSpreads { get; set; } = 256;

    /// <summary>Most directives written in the document.</summary>
    [Range(0, 100_000)]
    public int MaxDirectives { get; set; } = 64;

    /// <summary>Deepest selection path with fragments expanded, introspection excepted.</summary>
    [Range(1, 1000)]
    public int MaxDepth { get; set; } = 12;

    /// <summary>Deepest selection path inside <c>__schema</c>/<c>__type</c> (graphql-js's introspection query needs 13).</summary>
    [Range(1, 1000)]
    public int MaxIntrospectionDepth { get; set; } = 20;

    /// <summary>Largest estimated cost (GraphQL.NET's analyzer: lists weighted by <c>first</c>, from literals or variables).</summary>
    [Range(1, int.MaxValue)]
    public int MaxComplexity { get; set; } = 20_000;

    /// <summary>Most errors in one answer; the rest are summed up in one last error.</summary>
    [Range(1, 10_000)]
    public int MaxErrors { get; set; } = 25;

    /// <summary>Longest execution of one operation; the answer is then a TIMEOUT error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether <c>__schema</c> and <c>__type</c> answer (tools such as GraphiQL, Apollo and codegen need them).</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>Serve GraphiQL at <c>GET /graphql</c> to browsers that ask for HTML (on by default, as HotChocolate's Nitro).</summary>
    public bool Ide { get; set; } = true;

    /// <summary>Parsed and validated documents kept by their text, to skip parsing and validation.</summary>
    [Range(0, 100_000)]
    public int DocumentCacheEntries { get; set; } = 1_000;

    /// <summary>
    /// Most answers kept by the answer cache (queries without a token, served while no write has
    /// touched public data and for at most 2 s; docs/graphql.md); 0 turns the cache off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int AnswerCacheEntries { get; set; } = 1_000;

    /// <summary>Most bytes the answer cache holds (keys and answers); an answer over a sixteenth of it is not kept.</summary>
    [Range(0, int.MaxValue)]
    public int AnswerCacheBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Whether the registered operations (the web client's) run by hash, and whether anything else may run.</summary>
    public TrustedDocumentsMode TrustedDocuments { get; set; } = TrustedDocumentsMode.Allow;

    /// <summary>The file of named operations registered at start: relative to the web root, or absolute.</summary>
    public string TrustedDocumentsFile { get; set; } = "js/operations.graphql";
}
