using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tiktok.Core.Errors;

namespace Tiktok.Edge.Errors;

/// <summary>
/// What the client gets for a failure, before a front renders it: the kind, the catalogue code
/// and message, and the HTTP status and Retry-After the failure calls for.
/// </summary>
public sealed class ShapedError(FailureKind kind, DomainException refusal, int? httpStatus, int? retryAfterSeconds)
{
    public FailureKind Kind { get; } = kind;

    /// <summary>The refusal as the catalogue says it (the original one for <see cref="FailureKind.Refused"/>).</summary>
    public DomainException Refusal { get; } = refusal;

    public ErrorCode Code => Refusal.Code;

    /// <summary>413, 429 or 503 when the failure calls for one; null: the front's usual status.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>Seconds after which the same request may succeed (429, 503), for the Retry-After header.</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary>The message with domain fields named in <paramref name="vocabulary"/>.</summary>
    public string MessageIn(FieldVocabulary vocabulary) => Refusal.MessageNaming(vocabulary.Name);

    /// <summary>Sets Retry-After when the failure has one.</summary>
    public void WriteRetryAfter(HttpResponse response)
    {
        if (RetryAfterSeconds is { } seconds && !response.HasStarted)
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
