using System.Security.Cryptography;
using System.Text;
using GraphQL.Transport;
using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;
using Tiktok.Schema.RequestLimits;

namespace Tiktok.Schema.Http;

/// <summary>
/// Automatic persisted queries (Apollo's protocol): a request may name its query by
/// <c>extensions.persistedQuery.sha256Hash</c> alone; an unknown hash answers
/// <c>PERSISTED_QUERY_NOT_FOUND</c>, and the client's retry with the text registers it. Kept in
/// memory per instance, bounded by query length (a miss on another instance costs one retry).
/// </summary>
public sealed class PersistedQueries : IDisposable
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    private readonly QueryTextCache<string> _byHash;

    public PersistedQueries(IOptions<GraphQLOptions> limits) => _byHash = new QueryTextCache<string>(limits.Value);

    /// <summary>
    /// Fills <paramref name="request"/>'s query from its hash, or registers its text under the hash.
    /// False when the request names only an unknown hash. Refuses a hash that is not the text's.
    /// </summary>
    public bool Resolve(GraphQLRequest request)
    {
        if (request.Extensions?.TryGetValue("persistedQuery", out var value) != true || value is not IDictionary<string, object?> persisted)
            return true;
        if (!persisted.TryGetValue("version", out var version) || Convert.ToString(version, System.Globalization.CultureInfo.InvariantCulture) != "1")
            throw DomainErrors.Invalid("extensions.persistedQuery.version", "must be 1");
        if (!persisted.TryGetValue("sha256Hash", out var hashValue) || hashValue is not string hash || hash.Length != 64)
            throw DomainErrors.Invalid("extensions.persistedQuery.sha256Hash", "must be the 64 hexadecimal digits of the query's SHA-256");
        hash = hash.ToLowerInvariant();

        if (string.IsNullOrEmpty(request.Query))
        {
            if (!_byHash.TryGet(hash, out var known)) return false;
            request.Query = known;
            return true;
        }
        if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request.Query))) != hash)
            throw DomainErrors.Invalid("extensions.persistedQuery.sha256Hash", "is not the SHA-256 of the query");
        _byHash.Set(hash, request.Query, request.Query);
        return true;
    }

    public void Dispose() => _byHash.Dispose();
}
