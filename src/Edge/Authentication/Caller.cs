using Tiktok.Core.Errors;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// Who sent a request: nobody (no token), a user (a valid token whose user exists), or a refusal
/// (a bad token, or one whose user is gone), which every front answers in its own way.
/// </summary>
public readonly record struct Caller
{
    private Caller(long? userId, DateTimeOffset expiresAt, DomainException? refusal)
    {
        UserId = userId;
        ExpiresAt = expiresAt;
        Refusal = refusal;
    }

    /// <summary>No token came.</summary>
    public static Caller Anonymous => default;

    public static Caller User(long userId, DateTimeOffset expiresAt) => new(userId, expiresAt, null);

    public static Caller Refused(DomainException refusal) => new(null, default, refusal);

    /// <summary>The signed-in user; null when anonymous or refused.</summary>
    public long? UserId { get; }

    /// <summary>When the user's token expires; <c>default</c> unless <see cref="UserId"/> is set.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Why the token was refused: 2002 TokenInvalid, 3001 UserNotFound, 9002 Unavailable (see docs/errors.md).</summary>
    public DomainException? Refusal { get; }

    /// <summary>The user id, or null for an anonymous caller; throws the refusal.</summary>
    public long? ViewerOrThrow() => Refusal is null ? UserId : throw Refusal;

    /// <summary>The user id; throws the refusal, or 2001 TokenMissing for an anonymous caller.</summary>
    public long UserOrThrow() => ViewerOrThrow() ?? throw DomainErrors.TokenMissing();
}
