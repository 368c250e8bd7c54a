using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Errors;

namespace Tiktok.Edge.Errors;

/// <summary>
/// The one place that classifies an exception into what the client gets (docs/errors.md): a
/// domain refusal, an outage, a malformed or oversized body, a client gone, or a fault. It also
/// logs it, at Error for a fault only; client mistakes are Information, outages Warning.
/// REST compat, GraphQL and the hubs only render the result.
/// </summary>
public static class ErrorShaper
{
    public static ShapedError Shape(Exception exception, TransientFailures transient, ILogger logger, string where, string requestId, bool clientGone)
    {
        if (clientGone && exception is OperationCanceledException or MalformedBodyException or IOException)
        {
            logger.LogDebug("The client went away during {Where}", where);
            return new ShapedError(FailureKind.ClientGone, new DomainException(ErrorCode.Internal, "the client went away"), null, null);
        }

        switch (exception)
        {
            case DomainException refusal:
                logger.LogInformation("Refused {Where}: {Code} {Message}", where, refusal.Code, refusal.Message);
                return new ShapedError(FailureKind.Refused, refusal, StatusFor(refusal.Code), refusal.RetryAfterSeconds);

            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return TooLarge(logger, where);

            case BadHttpRequestException or MalformedBodyException:
                var reason = exception is MalformedBodyException { InnerException: { } inner } ? inner.Message : exception.Message;
                logger.LogInformation("Unreadable request body on {Where}: {Reason}", where, reason);
                return new ShapedError(FailureKind.MalformedBody,
                    new DomainException(ErrorCode.InvalidValue, "the request body could not be read: " + reason), null, null);
        }

        if (transient.Is(exception))
        {
            // Not a bug, and the request may be repeated: whatever it had begun rolled back with its transaction.
            logger.LogWarning("Database unavailable during {Where}: {Error}", where, exception.GetBaseException().Message);
            var unavailable = DomainErrors.Unavailable();
            return new ShapedError(FailureKind.Unavailable, unavailable, StatusCodes.Status503ServiceUnavailable, unavailable.RetryAfterSeconds);
        }

        logger.LogError(exception, "Unhandled error during {Where} [{RequestId}]", where, requestId);
        return new ShapedError(FailureKind.Fault,
            new DomainException(ErrorCode.Internal, "internal error; the request id is " + requestId), null, null);
    }

    /// <summary>The HTTP status a refusal calls for whatever the front: 413, 429, 503; null for the rest.</summary>
    public static int? StatusFor(ErrorCode code) => code switch
    {
        ErrorCode.UploadTooLarge or ErrorCode.RequestTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    private static ShapedError TooLarge(ILogger logger, string where)
    {
        logger.LogInformation("Request body over the limit on {Where}", where);
        return new ShapedError(FailureKind.TooLarge,
            new DomainException(ErrorCode.RequestTooLarge, "the request body is larger than the server accepts"),
            StatusCodes.Status413PayloadTooLarge, null);
    }
}
