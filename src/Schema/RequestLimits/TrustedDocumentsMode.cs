namespace Tiktok.Schema.RequestLimits;

/// <summary><c>Tiktok:GraphQL:TrustedDocuments</c>: which documents the server runs (docs/graphql.md, "Trusted documents").</summary>
public enum TrustedDocumentsMode
{
    /// <summary>Nothing registered at start; any text runs, and automatic persisted queries register by hash.</summary>
    Off,

    /// <summary>The operations file is registered by hash at start; any text still runs (the default).</summary>
    Allow,

    /// <summary>Only the registered operations run, by hash or by their exact text; anything else is refused.</summary>
    Only,
}
