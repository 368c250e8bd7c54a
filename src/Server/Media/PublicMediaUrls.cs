using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>UrlMode Public: <c>Tiktok:Media:PublicBaseUrl</c> + key (a CDN, a public bucket); built-in images stay on this server.</summary>
public sealed class PublicMediaUrls(IOptions<MediaOptions> media, IOptions<TiktokOptions> options) : IMediaUrls
{
    private readonly MediaUrls _proxied = new(options);
    private readonly string _base = media.Value.PublicBaseUrl.TrimEnd('/');

    public string For(string key, string requestBase) =>
        MediaUrls.IsBuiltIn(key) ? _proxied.For(key, requestBase) : $"{_base}/{key}";
}
