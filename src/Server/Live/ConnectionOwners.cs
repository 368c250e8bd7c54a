using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tiktok.Core.Errors;
using Tiktok.Edge.Authentication;

namespace Tiktok.Server.Live;

/// <summary>
/// Keeps each hub connection bound to the user who negotiated it: every later request carrying
/// the connection's <c>id</c> (long-polling polls and sends, Server-Sent Events streams and sends,
/// a WebSocket opened after negotiate, a close) must come from the same user (or again anonymously),
/// else 403 and nothing reaches the connection. SignalR itself only logs a changed user on a poll
/// and never checks sends. Also refuses a bad token on every hub (401). See docs/hubs.md.
/// </summary>
public sealed class ConnectionOwners(Callers callers, IOptions<ConnectionOptions> connections, ILogger<ConnectionOwners> logger)
    : IMiddleware
{
    private sealed class Owner(long? userId)
    {
        public long? UserId { get; } = userId;
        public int Active;
        public long LastSeen = Environment.TickCount64;
    }

    private readonly ConcurrentDictionary<string, Owner> _owners = new(StringComparer.Ordinal);

    // SignalR drops a connection no request has touched for DisconnectTimeout (15 s by default);
    // an owner is kept well past that, and for as long as a request (a poll, a stream) is open.
    private readonly long _retentionMs =
        (long)((connections.Value.DisconnectTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds * 2) + 30_000;

    private long _nextSweep = Environment.TickCount64;

    /// <summary>Connections whose owner is known (negotiated and not yet swept).</summary>
    public int Count => _owners.Count;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!http.Request.Path.StartsWithSegments(LiveSetup.HubsPath))
        {
            await next(http);
            return;
        }

        var caller = await callers.CurrentAsync(http);
        if (caller.Refusal is { } refusal)
        {
            await RefuseAsync(http, refusal.Code == ErrorCode.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized,
                ((int)refusal.Code).ToString(CultureInfo.InvariantCulture) + ": " + refusal.Message);
            return;
        }

        if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal))
        {
            await NegotiateAsync(http, next, caller.UserId);
            return;
        }

        var id = http.Request.Query["id"];
        if (StringValues.IsNullOrEmpty(id))
        {
            // A WebSocket opened without negotiate: one request, one user, nothing to bind.
            await next(http);
            return;
        }
        if (!_owners.TryGetValue(id.ToString(), out var owner))
        {
            await RefuseAsync(http, StatusCodes.Status404NotFound, "No Connection with that ID");
            return;
        }
        if (owner.UserId != caller.UserId)
        {
            logger.LogWarning("Hub request {Method} {Path} by user {Caller} on a connection negotiated by user {Owner}: refused",
                http.Request.Method, http.Request.Path.Value, caller.UserId?.ToString(CultureInfo.InvariantCulture) ?? "anonymous",
                owner.UserId?.ToString(CultureInfo.InvariantCulture) ?? "anonymous");
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "this connection belongs to another user");
            return;
        }

        Interlocked.Increment(ref owner.Active);
        try
        {
            await next(http);
        }
        finally
        {
            Volatile.Write(ref owner.LastSeen, Environment.TickCount64);
            Interlocked.Decrement(ref owner.Active);
        }
    }

    /// <summary>Runs negotiate and remembers the caller as the owner of the connection token it answers.</summary>
    private async Task NegotiateAsync(HttpContext http, RequestDelegate next, long? user)
    {
        Sweep();
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
        }
        if (http.Response.StatusCode == StatusCodes.Status200OK && ConnectionToken(buffer) is { } token)
            _owners[token] = new Owner(user);
        buffer.Position = 0;
        await buffer.CopyToAsync(body, http.RequestAborted);
    }

    /// <summary>The id later requests carry: <c>connectionToken</c> (negotiate version 1), or <c>connectionId</c> (version 0).</summary>
    private static string? ConnectionToken(MemoryStream negotiated)
    {
        try
        {
            using var json = JsonDocument.Parse(negotiated.GetBuffer().AsMemory(0, (int)negotiated.Length));
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            if (json.RootElement.TryGetProperty("connectionToken", out var token) && token.ValueKind == JsonValueKind.String) return token.GetString();
            if (json.RootElement.TryGetProperty("connectionId", out var id) && id.ValueKind == JsonValueKind.String) return id.GetString();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + _retentionMs / 2, due) != due) return;
        foreach (var (token, owner) in _owners)
        {
            if (Volatile.Read(ref owner.Active) == 0 && now - Volatile.Read(ref owner.LastSeen) > _retentionMs)
                _owners.TryRemove(new KeyValuePair<string, Owner>(token, owner));
        }
    }

    private static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        if (status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = DomainErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
