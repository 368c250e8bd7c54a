namespace Tiktok.Core.Errors;

/// <summary>
/// Factories for every refusal, so that messages read the same from every front. The overloads
/// taking a <see cref="Field"/> are the domain's; those taking a name are for a front's own
/// parameters (REST's <c>video_id</c>, GraphQL's <c>first</c>), already in its vocabulary.
/// </summary>
public static class DomainErrors
{
    public static DomainException Missing(string parameter) =>
        new(ErrorCode.MissingParameter, $"parameter '{parameter}' is required");

    public static DomainException Missing(Field field) => new(ErrorCode.MissingParameter, field, "is required");

    public static DomainException NotANumber(string parameter, string value) =>
        new(ErrorCode.NotANumber, $"parameter '{parameter}' must be an integer, got '{Shorten(value)}'");

    public static DomainException OutOfRange(string parameter, string allowed) =>
        new(ErrorCode.OutOfRange, $"parameter '{parameter}' is out of range: {allowed}");

    public static DomainException TooLong(string parameter, int max) =>
        new(ErrorCode.TooLong, $"parameter '{parameter}' is longer than {max} characters");

    public static DomainException TooLong(Field field, int max) =>
        new(ErrorCode.TooLong, field, $"is longer than {max} characters");

    public static DomainException TooShort(Field field, int min) =>
        new(ErrorCode.TooShort, field, $"must have at least {min} characters");

    public static DomainException Invalid(string parameter, string why) =>
        new(ErrorCode.InvalidValue, $"parameter '{parameter}' {why}");

    public static DomainException Invalid(Field field, string why) => new(ErrorCode.InvalidValue, field, why);

    public static DomainException TokenMissing() =>
        new(ErrorCode.TokenMissing, "this action needs a token: pass 'token' or an 'Authorization: Bearer' header");

    public static DomainException TokenInvalid() =>
        new(ErrorCode.TokenInvalid, "the token is invalid or expired: log in again");

    public static DomainException UsernameTaken(string name) =>
        new(ErrorCode.UsernameTaken, $"username '{Shorten(name)}' is already taken");

    public static DomainException WrongCredentials() =>
        new(ErrorCode.WrongCredentials, "wrong username or password");

    public static DomainException UserNotFound(long id) =>
        new(ErrorCode.UserNotFound, $"user {id} does not exist");

    /// <summary>A validly signed token whose user is gone (never existed, or the database was reset).</summary>
    public static DomainException TokenUserNotFound(long id) =>
        new(ErrorCode.UserNotFound, $"the token's user {id} does not exist: log in again");

    public static DomainException VideoNotFound(long id) =>
        new(ErrorCode.VideoNotFound, $"video {id} does not exist");

    /// <summary>Ends a live stream of a video that was just deleted.</summary>
    public static DomainException VideoDeleted(long id) =>
        new(ErrorCode.VideoNotFound, $"video {id} was deleted");

    public static DomainException CommentNotFound(long id) =>
        new(ErrorCode.CommentNotFound, $"comment {id} does not exist on this video");

    public static DomainException NotCommentAuthor(long id) =>
        new(ErrorCode.NotCommentAuthor, $"only the author may delete comment {id}");

    public static DomainException NotVideoAuthor(long id) =>
        new(ErrorCode.NotVideoAuthor, $"only the author may delete video {id}");

    public static DomainException NotOperator() =>
        new(ErrorCode.NotOperator, "only a moderation operator (Tiktok:Moderation:Operators) may do this");

    public static DomainException ReportNotFound(long id) =>
        new(ErrorCode.ReportNotFound, $"report {id} does not exist");

    public static DomainException CannotFollowSelf() =>
        new(ErrorCode.CannotFollowSelf, "you cannot follow yourself");

    public static DomainException CannotMessageSelf() =>
        new(ErrorCode.CannotMessageSelf, "you cannot send a message to yourself");

    public static DomainException CannotBlockSelf() =>
        new(ErrorCode.CannotBlockSelf, "you cannot block yourself");

    /// <summary>The caller blocked <paramref name="userId"/>: the block must go before they interact again.</summary>
    public static DomainException YouBlocked(long userId, string action) =>
        new(ErrorCode.Blocked, $"you have blocked user {userId}: unblock them before you {action}");

    /// <summary><paramref name="userId"/> blocked the caller.</summary>
    public static DomainException BlockedYou(long userId, string action) =>
        new(ErrorCode.Blocked, $"user {userId} has blocked you: you cannot {action}");

    public static DomainException UploadMissing() =>
        new(ErrorCode.UploadMissing, Field.VideoFile, "(the video file) is required");

    public static DomainException UploadTooLarge(long maxBytes) =>
        new(ErrorCode.UploadTooLarge, Field.VideoFile, $"is larger than the limit of {maxBytes} bytes");

    public static DomainException NotAVideo(string why) =>
        new(ErrorCode.NotAVideo, Field.VideoFile, $"is not a playable video: {why}");

    public static DomainException StorageFailed() =>
        new(ErrorCode.StorageFailed, "the video could not be stored; nothing was saved, try again");

    /// <summary>Too many sign-up/log-in attempts; the budget allows one again after <paramref name="retryAfterSeconds"/>.</summary>
    public static DomainException RateLimited(int retryAfterSeconds) =>
        new(ErrorCode.RateLimited, "too many attempts from this address; wait a minute and try again", retryAfterSeconds);

    /// <summary>How long a client should wait before trying again after <see cref="Unavailable"/> (HTTP Retry-After).</summary>
    public const int RetryAfterSeconds = 5;

    public static DomainException Unavailable() =>
        new(ErrorCode.Unavailable, $"the service is temporarily unavailable; try again in {RetryAfterSeconds} seconds", RetryAfterSeconds);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
