using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;
using Tiktok.Schema.Errors;
using Tiktok.Schema.RequestLimits;

namespace Tiktok.Schema.Http;

/// <summary>
/// Persisted operations, by SHA-256 of their text: the trusted documents registered at start
/// (<see cref="TrustedDocuments"/>), and automatic persisted queries (Apollo's protocol): a request may
/// name its query by <c>extensions.persistedQuery.sha256Hash</c> or by <c>documentId</c>
/// (<c>sha256:&lt;hex&gt;</c>, the GraphQL over HTTP draft's persisted documents) alone; an unknown hash
/// answers <c>PERSISTED_QUERY_NOT_FOUND</c>, and the client's retry with the text registers it. The
/// automatic ones are kept in memory per instance, bounded by query length (a miss on another
/// instance costs one retry). With <see cref="TrustedDocumentsMode.Only"/> only the trusted ones run.
/// </summary>
public sealed partial class PersistedQueries : IDisposable
{
    private readonly QueryTextCache<string> _byHash;
    private readonly TrustedDocuments _trusted;

    public PersistedQueries(IOptions<GraphQLOptions> limits, TrustedDocuments trusted)
    {
        _byHash = new QueryTextCache<string>(limits.Value);
        _trusted = trusted;
    }

    /// <summary>
    /// Fills <paramref name="request"/>'s query from its hash, or registers its text under the hash.
    /// Refuses (DomainException) a malformed hash, or a hash that is not the text's.
    /// </summary>
    public PersistedQueryOutcome Resolve(GraphQLRequest request)
    {
        var hash = HashOf(request);
        var only = _trusted.Mode == TrustedDocumentsMode.Only;
        if (string.IsNullOrEmpty(request.Query))
        {
            if (hash is null) return PersistedQueryOutcome.Ready; // the endpoint says the query is missing
            if (_trusted.TryGet(hash, out var trusted)) request.Query = trusted!.Document;
            else if (!only && _byHash.TryGet(hash, out var known)) request.Query = known;
            else return PersistedQueryOutcome.NotFound;
            return PersistedQueryOutcome.Ready;
        }
        if (hash is null && !only) return PersistedQueryOutcome.Ready;
        var actual = TrustedDocuments.Sha256(request.Query);
        if (hash is not null && actual != hash)
            throw DomainErrors.Invalid(request.DocumentId is null ? "extensions.persistedQuery.sha256Hash" : "documentId", "is not the SHA-256 of the query");
        if (_trusted.TryGet(actual, out _)) return PersistedQueryOutcome.Ready;
        if (only) return PersistedQueryOutcome.NotAllowed;
        _byHash.Set(actual, request.Query, request.Query);
        return PersistedQueryOutcome.Ready;
    }

    /// <summary>The error a refused outcome answers, in the shape of every other GraphQL error.</summary>
    public static ExecutionError Error(PersistedQueryOutcome outcome) => new DomainError(outcome switch
    {
        // "PersistedQueryNotFound" is the message Apollo's clients look for before retrying with the text.
        // Both codes are the catalogue's (1008, 1009), whose names print as Apollo's PERSISTED_QUERY_* codes.
        PersistedQueryOutcome.NotFound => new DomainException(ErrorCode.PersistedQueryNotFound, "PersistedQueryNotFound"),
        _ => new DomainException(ErrorCode.PersistedQueryNotAllowed,
            "this server runs only its registered operations (Tiktok:GraphQL:TrustedDocuments=Only): " +
            "send a registered operation, by its hash in extensions.persistedQuery.sha256Hash or documentId, or as its exact text"),
    });

    /// <summary>The lower-case hex SHA-256 the request names, or null when it names none.</summary>
    private static string? HashOf(GraphQLRequest request)
    {
        if (request.DocumentId is { } id)
        {
            var match = DocumentIdPattern().Match(id);
            if (!match.Success) throw DomainErrors.Invalid("documentId", "must be 'sha256:' followed by the 64 hexadecimal digits of the document's SHA-256");
            return match.Groups[1].Value.ToLowerInvariant();
        }
        if (request.Extensions?.TryGetValue("persistedQuery", out var value) != true || value is not IDictionary<string, object?> persisted)
            return null;
        if (!persisted.TryGetValue("version", out var version) || Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture) != "1")
            throw DomainErrors.Invalid("extensions.persistedQuery.version", "must be 1");
        if (!persisted.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash || hash.Length != 64 || !IsHex(hash))
            throw DomainErrors.Invalid("extensions.persistedQuery.sha256Hash", "must be the 64 hexadecimal digits of the query's SHA-256");
        return hash.ToLowerInvariant();
    }

    private static bool IsHex(string s) => s.All(Uri.IsHexDigit);

    [GeneratedRegex("^sha256:([0-9a-fA-F]{64})$")]
    private static partial Regex DocumentIdPattern();

    public void Dispose() => _byHash.Dispose();
}
