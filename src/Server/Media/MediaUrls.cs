using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>Absolute URLs under <c>/media/</c>, on <c>Tiktok:PublicBaseUrl</c> when set, else on the request's own host (UrlMode Proxied).</summary>
public sealed class MediaUrls(IOptions<TiktokOptions> options) : IMediaUrls
{
    private readonly string _publicBase = options.Value.PublicBaseUrl.TrimEnd('/');

    public string For(string key, string requestBase) =>
        $"{(_publicBase.Length > 0 ? _publicBase : requestBase)}/media/{key}";

    /// <summary>The built-in images (<c>defaults/*</c>) live in the server, whatever the URL mode.</summary>
    public static bool IsBuiltIn(string key) => key.StartsWith("defaults/", StringComparison.Ordinal);
}
