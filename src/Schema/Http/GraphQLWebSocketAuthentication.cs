using System.Buffers.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Accounts;
using Tiktok.Core.Users;

namespace Tiktok.Schema.Http;

/// <summary>
/// THE one place a graphql-transport-ws connection is authenticated: the <c>connection_init</c>
/// payload's <c>token</c> (or <c>Authorization: Bearer …</c>), validated like the HTTP front
/// (<see cref="IAccessTokens"/>), and refused when its user no longer exists. When the unified
/// authentication service of src/Edge lands, this is the spot to point at it.
/// </summary>
public static class GraphQLWebSocketAuthentication
{
    /// <summary>Who opened the connection: <see cref="Anonymous"/>, a user until <c>ExpiresAt</c>, or refused (null).</summary>
    public sealed record Caller(long? UserId, DateTimeOffset? ExpiresAt)
    {
        public static readonly Caller Anonymous = new(null, null);
    }

    /// <summary>The caller the payload names, or null when it carries a token that is not valid (close 4403).</summary>
    public static async Task<Caller?> AuthenticateAsync(JsonElement? payload, IServiceProvider services, CancellationToken ct)
    {
        var token = TokenOf(payload);
        if (token is null) return Caller.Anonymous;
        if (token.Length == 0) return null;
        var userId = await services.GetRequiredService<IAccessTokens>().ValidateAsync(token);
        if (userId is not { } id) return null;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<UserQueries>().ManyAsync([id], null, ct);
        if (!users.ContainsKey(id)) return null; // a valid token of a deleted user
        return new Caller(id, ExpiryOf(token));
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

    /// <summary>The JWT's <c>exp</c> (the token was validated, so its payload is well-formed), or null if it has none.</summary>
    private static DateTimeOffset? ExpiryOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
