namespace Tiktok.Edge.Errors;

/// <summary>What kind of failure a request met, which decides its answer and its log level (docs/errors.md).</summary>
public enum FailureKind
{
    /// <summary>A domain refusal (<c>DomainException</c>) with its own code: the client's to fix.</summary>
    Refused,

    /// <summary>The database is unreachable for now: 9002, try again after Retry-After.</summary>
    Unavailable,

    /// <summary>The request body could not be read (truncated, malformed): 1005 naming the body.</summary>
    MalformedBody,

    /// <summary>The request body is over the server's limit: 6002, HTTP 413.</summary>
    TooLarge,

    /// <summary>The client went away: nobody reads an answer.</summary>
    ClientGone,

    /// <summary>A bug on our side: 9001 with the request id, the only kind logged at Error.</summary>
    Fault,
}
