using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Errors;
using Tiktok.Edge.Errors;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Binding;

/// <summary>
/// Runs an endpoint and writes its JSON: a failure, shaped by the edge's <see cref="ErrorShaper"/>,
/// becomes a zero-valued answer with the catalogue's code and message in the app's parameter names
/// (HTTP 200, or the 413/429/503 the failure calls for, with Retry-After); nothing escapes as a 500.
/// </summary>
public static class Answer
{
    /// <summary>HttpContext.Items key holding the answer's status_code, for the request log.</summary>
    public const string StatusCodeItem = "douyin.status_code";

    public static Task With<T>(HttpContext http, Func<DouyinRequest, Task<T>> work) where T : StatusResponse, new() =>
        WithRequest(http, DouyinRequest.ReadAsync, work);

    /// <summary>
    /// As <see cref="With{T}(HttpContext, Func{DouyinRequest, Task{T}})"/>, for an endpoint that may
    /// have its success answer ready as bytes: a null answer from <paramref name="work"/> means
    /// <paramref name="writePrepared"/> writes it, after the work and as a success.
    /// </summary>
    public static Task With<T>(HttpContext http, Func<DouyinRequest, Task<T?>> work, Func<Task> writePrepared)
        where T : StatusResponse, new() =>
        WithRequest<T>(http, DouyinRequest.ReadAsync, work!, writePrepared);

    public static async Task WithRequest<T>(HttpContext http, Func<HttpContext, Task<DouyinRequest>> read,
        Func<DouyinRequest, Task<T>> work, Func<Task>? writePrepared = null) where T : StatusResponse, new()
    {
        T answer;
        try
        {
            var worked = await work(await read(http));
            if (worked is null && writePrepared is not null)
            {
                http.Items[StatusCodeItem] = 0;
                await writePrepared();
                return;
            }
            answer = worked!;
            answer.StatusMsg = "success";
        }
        catch (Exception e)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tiktok.RestCompat");
            var shaped = ErrorShaper.Shape(e, http.RequestServices.GetRequiredService<TransientFailures>(), logger, http.Request.Path.Value ?? "", http.TraceIdentifier,
                http.RequestAborted.IsCancellationRequested);
            if (shaped.Kind == FailureKind.ClientGone) return; // nobody reads an answer
            if (http.Response.HasStarted) return; // a prepared answer failed while being written: shaped and logged above
            if (shaped.HttpStatus is { } status) http.Response.StatusCode = status;
            shaped.WriteRetryAfter(http.Response);
            answer = new T { StatusCode = (int)shaped.Code, StatusMsg = shaped.MessageIn(RestFields.Vocabulary) };
        }
        http.Items[StatusCodeItem] = answer.StatusCode;
        await WriteAsync(http, answer);
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
