namespace Tiktok.Schema.Http;

/// <summary>What <see cref="PersistedQueries.Resolve"/> made of a request's hash or text.</summary>
public enum PersistedQueryOutcome
{
    /// <summary>The request has its text (given, or found by its hash): execute it.</summary>
    Ready,

    /// <summary>Only an unknown hash: answer <c>PERSISTED_QUERY_NOT_FOUND</c> (the client retries with the text).</summary>
    NotFound,

    /// <summary>Trusted documents only, and this text is not registered: answer <c>PERSISTED_QUERY_NOT_ALLOWED</c>.</summary>
    NotAllowed,
}
