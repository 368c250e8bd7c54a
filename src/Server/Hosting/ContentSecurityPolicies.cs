using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Server.Media;

namespace Tiktok.Server.Hosting;

/// <summary>
/// The Content-Security-Policy of each path (longest matching prefix wins; the web client's policy
/// otherwise). A page with needs of its own adds a policy for its path with <see cref="Add"/>.
/// </summary>
public sealed class ContentSecurityPolicies
{
    /// <summary>Replaced per request by <c>ws(s)://</c> + the request's host, for SignalR's WebSockets.</summary>
    public const string WebSocketSelf = "{websocket-self}";

    /// <summary>Replaced per request by a fresh nonce, kept in <c>HttpContext.Items[NonceItem]</c> for the page's script tags.</summary>
    public const string Nonce = "{nonce}";

    /// <summary>The <c>HttpContext.Items</c> key of the request's nonce, when its policy has one.</summary>
    public const string NonceItem = "Tiktok.CspNonce";

    private readonly List<(PathString Path, string Policy)> _byPath = [];

    public ContentSecurityPolicies(IOptions<MediaOptions> media, IOptions<TiktokOptions> options)
    {
        var mediaOrigins = string.Join("", MediaOrigins(media.Value, options.Value).Select(o => " " + o));
        Default = "default-src 'self'; script-src 'self'; style-src 'self'; " +
                  $"img-src 'self' data: blob:{mediaOrigins}; media-src 'self' blob:{mediaOrigins}; " +
                  $"connect-src 'self' {WebSocketSelf}; font-src 'self'; object-src 'none'; base-uri 'none'; " +
                  "form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>The web client's policy: only this server's scripts and styles (no inline ones), media from where media URLs point.</summary>
    public string Default { get; }

    public ContentSecurityPolicies Add(PathString path, string policy)
    {
        _byPath.Add((path, policy));
        _byPath.Sort((a, b) => b.Path.Value!.Length.CompareTo(a.Path.Value!.Length));
        return this;
    }

    /// <summary>The policy for a request, with <see cref="WebSocketSelf"/> and <see cref="Nonce"/> filled in.</summary>
    public string For(HttpRequest request)
    {
        var policy = Default;
        foreach (var (path, p) in _byPath)
            if (request.Path.StartsWithSegments(path)) { policy = p; break; }
        if (policy.Contains(Nonce, StringComparison.Ordinal))
        {
            var nonce = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            request.HttpContext.Items[NonceItem] = nonce;
            policy = policy.Replace(Nonce, nonce, StringComparison.Ordinal);
        }
        if (!policy.Contains(WebSocketSelf, StringComparison.Ordinal)) return policy;
        var host = request.Host.Value;
        var self = host is { Length: > 0 } && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? (request.IsHttps ? "wss://" : "ws://") + host
            : "";
        return policy.Replace(WebSocketSelf, self, StringComparison.Ordinal);
    }

    /// <summary>Origins media URLs may point at besides this server: Tiktok:PublicBaseUrl, the public base, or the S3 endpoint for presigned URLs.</summary>
    private static IEnumerable<string> MediaOrigins(MediaOptions media, TiktokOptions options)
    {
        if (Origin(options.PublicBaseUrl) is { } site) yield return site;
        if (media.UrlMode == MediaUrlMode.Public && Origin(media.PublicBaseUrl) is { } publicBase) yield return publicBase;
        if (media.UrlMode == MediaUrlMode.Presigned && Uri.TryCreate(media.S3.Endpoint, UriKind.Absolute, out var s3))
        {
            yield return s3.GetLeftPart(UriPartial.Authority);
            // Virtual-hosted-style presigned URLs put the bucket in the host name.
            yield return $"{s3.Scheme}://*.{s3.Authority}";
        }
    }

    private static string? Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;
}
