using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Tiktok.Core.Errors;

namespace Tiktok.Edge.Bodies;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body, decoded exactly as the query string is
/// (ASP.NET's form reader refuses a <c>%00</c> that the query accepts), so that one value means
/// one thing in either place and the parameter's own rule judges it. At most <see cref="MaxBytes"/>.
/// </summary>
public static class UrlEncodedForm
{
    public const int MaxBytes = 1024 * 1024;

    public static bool Is(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The form, read once per request (authentication and the endpoint share it).</summary>
    public static async Task<Dictionary<string, StringValues>> ReadAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(UrlEncodedForm), out var known)) return (Dictionary<string, StringValues>)known!;
        var form = await ReadBodyAsync(http);
        http.Items[typeof(UrlEncodedForm)] = form;
        return form;
    }

    private static async Task<Dictionary<string, StringValues>> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var body = new BodyStream(http.Request.Body);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new DomainException(ErrorCode.RequestTooLarge, "the request body is larger than the server accepts");
            buffer.Write(chunk, 0, read);
        }
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return QueryHelpers.ParseQuery(text);
    }
}
