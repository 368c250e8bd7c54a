namespace Tiktok.Core.Errors;

/// <summary>
/// A refusal a person can act on: a stable code plus a message naming what was wrong. A refusal
/// about a <see cref="Errors.Field"/> reads "parameter '&lt;name&gt;' &lt;detail&gt;" with the name
/// each front gives that field (<see cref="MessageNaming"/>).
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(ErrorCode code, string message, int? retryAfterSeconds = null) : base(message)
    {
        Code = code;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public DomainException(ErrorCode code, Field field, string detail)
        : base($"parameter '{NeutralName(field)}' {detail}")
    {
        Code = code;
        Field = field;
        Detail = detail;
    }

    public ErrorCode Code { get; }

    /// <summary>The domain field the refusal is about, when the domain raised it about one.</summary>
    public Field? Field { get; }

    /// <summary>What is wrong with <see cref="Field"/>: the message after its name.</summary>
    public string? Detail { get; }

    /// <summary>When the same request may succeed again (rate limit, outage), in seconds.</summary>
    public int? RetryAfterSeconds { get; }

    /// <summary>The message with <see cref="Field"/> named as <paramref name="name"/> says (a front's vocabulary).</summary>
    public string MessageNaming(Func<Field, string> name) =>
        Field is { } field ? $"parameter '{name(field)}' {Detail}" : Message;

    // For logs only: every front renders with its own names.
    private static string NeutralName(Field field) => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];
}
