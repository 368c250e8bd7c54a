using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Edge.Authentication;

namespace Tiktok.Schema.Http;

/// <summary>
/// How a graphql-transport-ws connection is authenticated: the <c>connection_init</c> payload's
/// <c>token</c> (or <c>Authorization: Bearer …</c>), checked by the one authentication every
/// front uses (<see cref="Callers"/>: signature, expiry, and that the user exists).
/// </summary>
public static class GraphQLWebSocketAuthentication
{
    /// <summary>The caller the payload names (anonymous without a token), or null when its token is not valid (close 4403).</summary>
    public static async Task<Caller?> AuthenticateAsync(JsonElement? payload, HttpContext http)
    {
        var token = TokenOf(payload);
        if (token is null) return Caller.Anonymous;
        if (token.Length == 0) return null;
        var caller = await http.RequestServices.GetRequiredService<Callers>().AuthenticateAsync(http, token);
        return caller.UserId is null ? null : caller;
    }

    /// <summary>The token of <c>{"token": "…"}</c> or <c>{"Authorization": "Bearer …"}</c>; null when neither is there; "" when malformed.</summary>
    private static string? TokenOf(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } p) return null;
        foreach (var property in p.EnumerateObject())
        {
            if (property.NameEquals("token"))
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Trim() : "";
            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var header = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : "";
                return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
            }
        }
        return null;
    }
}
