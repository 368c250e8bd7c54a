using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Tiktok.Core.Errors;

using Tiktok.Edge.Bodies;

namespace Tiktok.Edge.Authentication;

/// <summary>
/// Where a request carries its token. REST compat (<c>/douyin/...</c>): <c>token</c> in the query
/// or the urlencoded form (read here; ASP.NET caches the form, so the endpoint reuses it; a
/// multipart body is never read here), else the Bearer header. Everywhere: the Bearer header.
/// Hubs (<c>/hubs/...</c>) and the GraphQL WebSocket: <c>access_token</c> in the query when no
/// Bearer header came (browsers cannot set headers on WebSockets and EventSource).
/// </summary>
internal static class TokenSources
{
    public const string RestPrefix = "/douyin";
    public const string HubsPrefix = "/hubs";
    public const string GraphQLPath = "/graphql";

    public static async ValueTask<(string? Token, DomainException? Refusal)> ReadAsync(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments(RestPrefix))
        {
            var fromQuery = NonEmpty(request.Query["token"]);
            var fromForm = await UrlEncodedFormTokenAsync(request);
            if (fromQuery is not null && fromForm is not null && fromQuery != fromForm)
                return (null, DomainErrors.Invalid("token", "was given twice with different values"));
            if ((fromQuery ?? fromForm) is { } parameter) return (parameter, null);
        }

        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && NonEmpty(header[7..].Trim()) is { } bearer)
            return (bearer, null);

        if (path.StartsWithSegments(HubsPrefix) ||
            (path.StartsWithSegments(GraphQLPath) && request.HttpContext.WebSockets.IsWebSocketRequest))
            return (NonEmpty(request.Query["access_token"]), null);
        return (null, null);
    }

    private static async ValueTask<string?> UrlEncodedFormTokenAsync(HttpRequest request)
    {
        if (!UrlEncodedForm.Is(request)) return null;
        try
        {
            var form = await UrlEncodedForm.ReadAsync(request.HttpContext);
            return form.TryGetValue("token", out var token) ? NonEmpty(token) : null;
        }
        catch (Exception e) when (e is DomainException or InvalidDataException or BadHttpRequestException or IOException)
        {
            // A malformed or oversized body: the endpoint reads it again, meets the same failure and
            // answers it; the token, if any, is not known.
            return null;
        }
    }

    private static string? NonEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();
}
