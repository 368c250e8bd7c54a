using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tiktok.Edge.Errors;

namespace Tiktok.Edge.Bodies;

/// <summary>Reading a whole request body (a form, a JSON document) so that a body the client broke is a <see cref="MalformedBodyException"/>.</summary>
public static class RequestBodies
{
    /// <summary>Runs <paramref name="read"/>; a failure caused by the body's bytes becomes <see cref="MalformedBodyException"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpContext http, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception e) when (IsClientFault(e) && !http.RequestAborted.IsCancellationRequested)
        {
            throw new MalformedBodyException(e);
        }
    }

    /// <summary>
    /// Failures a reader of the request body raises for what the client sent: a cut or badly
    /// framed body (IOException, InvalidDataException), bad JSON, bad text encoding.
    /// Kestrel's BadHttpRequestException passes as it is (it carries its own status, e.g. 413).
    /// </summary>
    internal static bool IsClientFault(Exception e) =>
        e is not BadHttpRequestException && // an IOException too, but it keeps its own status (413 from Content-Length)
        e is IOException or InvalidDataException or JsonException or FormatException or System.Text.DecoderFallbackException;
}
