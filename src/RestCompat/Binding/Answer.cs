using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Errors;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Binding;

/// <summary>
/// Runs an endpoint and writes its JSON: refusals become a zero-valued answer with the error's
/// code and message (HTTP 200, or 413 for an oversized body, 429 when rate-limited, 503 with
/// Retry-After while the database is unreachable); nothing escapes as a 500.
/// </summary>
public static class Answer
{
    /// <summary>HttpContext.Items key holding the answer's status_code, for the request log.</summary>
    public const string StatusCodeItem = "douyin.status_code";

    public static Task With<T>(HttpContext http, Func<DouyinRequest, Task<T>> work) where T : StatusResponse, new() =>
        WithRequest(http, DouyinRequest.ReadAsync, work);

    public static async Task WithRequest<T>(HttpContext http, Func<HttpContext, Task<DouyinRequest>> read,
        Func<DouyinRequest, Task<T>> work) where T : StatusResponse, new()
    {
        T answer;
        try
        {
            answer = await work(await read(http));
            answer.StatusMsg = "success";
        }
        catch (DomainException e)
        {
            if (e.Code == ErrorCode.UploadTooLarge) http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (e.Code == ErrorCode.RateLimited) http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (e.Code == ErrorCode.Unavailable) MarkUnavailable(http);
            answer = new T { StatusCode = (int)e.Code, StatusMsg = e.Message };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            answer = new T { StatusCode = (int)ErrorCode.RequestTooLarge, StatusMsg = "the request body is larger than the server accepts" };
        }
        catch (BadHttpRequestException e)
        {
            answer = new T { StatusCode = (int)ErrorCode.InvalidValue, StatusMsg = $"the request could not be read: {e.Message}" };
        }
        catch (InvalidDataException e)
        {
            // A malformed form or multipart body.
            answer = new T { StatusCode = (int)ErrorCode.InvalidValue, StatusMsg = $"the request body could not be read: {e.Message}" };
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away; nobody reads an answer
        }
        catch (Exception e) when (TransientFailures.Is(e))
        {
            // The database is unreachable (restarting, failing over, locked): not a bug, and the
            // request may be repeated. Whatever the action had begun was rolled back with its transaction.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tiktok.RestCompat")
                .LogWarning("Database unavailable on {Path}: {Error}", http.Request.Path.Value, e.GetBaseException().Message);
            MarkUnavailable(http);
            var refusal = DomainErrors.Unavailable();
            answer = new T { StatusCode = (int)refusal.Code, StatusMsg = refusal.Message };
        }
        catch (Exception e)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tiktok.RestCompat")
                .LogError(e, "Unhandled error on {Path}", http.Request.Path.Value);
            answer = new T { StatusCode = (int)ErrorCode.Internal, StatusMsg = "internal error; the request id is " + http.TraceIdentifier };
        }
        http.Items[StatusCodeItem] = answer.StatusCode;
        await WriteAsync(http, answer);
    }

    /// <summary>HTTP 503 with Retry-After, for <see cref="ErrorCode.Unavailable"/>.</summary>
    public static void MarkUnavailable(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = DomainErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task WriteAsync<T>(HttpContext http, T answer) where T : StatusResponse =>
        http.Response.WriteAsJsonAsync(answer, (JsonTypeInfo<T>)RestJson.Default.GetTypeInfo(typeof(T))!,
            "application/json; charset=utf-8", http.RequestAborted);

    /// <summary>A bare status answer for refusals made before any endpoint runs (rate limit, body size).</summary>
    public static Task WriteStatusAsync(HttpContext http, int httpStatus, ErrorCode code, string message) =>
        WriteStatusAsync<StatusResponse>(http, httpStatus, code, message);

    /// <summary>A refusal in the zero-valued shape of the endpoint's own answer <typeparamref name="T"/>.</summary>
    public static Task WriteStatusAsync<T>(HttpContext http, int httpStatus, ErrorCode code, string message)
        where T : StatusResponse, new()
    {
        http.Response.StatusCode = httpStatus;
        http.Items[StatusCodeItem] = (int)code;
        return WriteAsync(http, new T { StatusCode = (int)code, StatusMsg = message });
    }
}
