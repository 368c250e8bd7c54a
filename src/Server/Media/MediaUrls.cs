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

/// <summary>UrlMode Public: <c>Tiktok:Media:PublicBaseUrl</c> + key (a CDN, a public bucket); built-in images stay on this server.</summary>
public sealed class PublicMediaUrls(IOptions<MediaOptions> media, IOptions<TiktokOptions> options) : IMediaUrls
{
    private readonly MediaUrls _proxied = new(options);
    private readonly string _base = media.Value.PublicBaseUrl.TrimEnd('/');

    public string For(string key, string requestBase) =>
        MediaUrls.IsBuiltIn(key) ? _proxied.For(key, requestBase) : $"{_base}/{key}";
}

/// <summary>UrlMode Presigned: time-limited GET URLs straight to the S3 server; built-in images stay on this server.</summary>
public sealed class PresignedMediaUrls(S3MediaStore store, IOptions<MediaOptions> media, IOptions<TiktokOptions> options) : IMediaUrls
{
    private readonly MediaUrls _proxied = new(options);
    private readonly TimeSpan _lifetime = media.Value.PresignedLifetime;

    public string For(string key, string requestBase) =>
        MediaUrls.IsBuiltIn(key) ? _proxied.For(key, requestBase) : store.PresignedGetUrl(key, _lifetime);
}
