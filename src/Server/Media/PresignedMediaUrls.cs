using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>UrlMode Presigned: time-limited GET URLs straight to the S3 server; built-in images stay on this server.</summary>
public sealed class PresignedMediaUrls(S3MediaStore store, IOptions<MediaOptions> media, IOptions<TiktokOptions> options) : IMediaUrls
{
    private readonly MediaUrls _proxied = new(options);
    private readonly TimeSpan _lifetime = media.Value.PresignedLifetime;

    public string For(string key, string requestBase) =>
        MediaUrls.IsBuiltIn(key) ? _proxied.For(key, requestBase) : store.PresignedGetUrl(key, _lifetime);
}
