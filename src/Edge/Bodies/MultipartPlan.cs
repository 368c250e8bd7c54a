namespace Tiktok.Edge.Bodies;

/// <summary>How a front wants a multipart body read: which parts are what, where the token is, and the limits.</summary>
public sealed class MultipartPlan
{
    /// <summary>The role of a part, from its name, whether it is a file disposition, and what was read so far; may refuse by throwing.</summary>
    public required Func<string, bool, MultipartBody, PartRole> Role { get; init; }

    /// <summary>Largest text part, in bytes, by part name.</summary>
    public required Func<string, int> MaxFieldBytes { get; init; }

    /// <summary>Called with each text part as soon as it is read (GraphQL parses operations and map here); may refuse by throwing.</summary>
    public Action<string, string, MultipartBody>? OnField { get; init; }

    /// <summary>A token the request carries outside the body (query, header): checked before the body is touched.</summary>
    public string? TokenOutsideBody { get; init; }

    /// <summary>The text part holding a token (REST's <c>token</c>), checked when it is read; null when the body holds none.</summary>
    public string? TokenField { get; init; }

    /// <summary>
    /// Whether a file met before any token is staged (checked as soon as the token arrives, before
    /// anything else is done) rather than refused unread. REST sets it: the stock app sends the file first.
    /// </summary>
    public bool StageFileBeforeToken { get; init; }

    /// <summary>Whether the body must come with a token at all (REST publish): TOKEN_MISSING at its end otherwise.</summary>
    public bool TokenRequired { get; init; }
}
