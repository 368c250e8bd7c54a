namespace Tiktok.Core.Errors;

/// <summary>
/// The one catalogue of stable error codes shared by every front (REST compat's
/// <c>status_code</c>, GraphQL's <c>extensions.code</c>, SignalR hub errors).
/// Codes never change meaning once published; see docs/errors.md.
/// </summary>
public enum ErrorCode
{
    Ok = 0,

    // 1xxx: the request itself is malformed.
    MissingParameter = 1001,
    NotANumber = 1002,
    OutOfRange = 1003,
    TooLong = 1004,
    InvalidValue = 1005,
    TooShort = 1006,
    UnknownEndpoint = 1007,
    PersistedQueryNotFound = 1008,
    PersistedQueryNotAllowed = 1009,

    // 2xxx: identity.
    TokenMissing = 2001,
    TokenInvalid = 2002,
    UsernameTaken = 2003,
    WrongCredentials = 2004,

    // 3xxx: something named does not exist.
    UserNotFound = 3001,
    VideoNotFound = 3002,
    CommentNotFound = 3003,

    // 4xxx: the caller may not do this.
    NotCommentAuthor = 4001,
    CannotFollowSelf = 4002,
    CannotMessageSelf = 4003,

    // 5xxx: uploads.
    UploadMissing = 5001,
    UploadTooLarge = 5002,
    NotAVideo = 5003,
    StorageFailed = 5004,

    // 6xxx: limits.
    RateLimited = 6001,
    RequestTooLarge = 6002,
    QueryTooComplex = 6003,

    // 9xxx: our side; the message never leaks internals.
    Internal = 9001,
    Unavailable = 9002,
}
