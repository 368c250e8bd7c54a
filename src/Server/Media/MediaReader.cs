using Microsoft.Net.Http.Headers;

namespace Tiktok.Server.Media;

/// <summary>
/// How <c>/media/{key}</c> reads a stored object (GET or HEAD, with Range and conditional requests).
/// The host's side of storage only: Core's <c>IMediaStore</c> stays write-only.
/// </summary>
public interface IMediaReader
{
    /// <summary>The answer for a valid key: 200/206/304 with the object, or 404 (see <see cref="MediaReader.Missing"/>).</summary>
    Task<IResult> ServeAsync(string key, string contentType, HttpContext http);
}

public static class MediaReader
{
    /// <summary>404 that no cache keeps: the key may be filled later (never by us, but a proxy should not care).</summary>
    public static IResult Missing(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.NotFound();
    }
}

/// <summary>Files below the local media directory, with ASP.NET Core's own Range and ETag handling.</summary>
public sealed class LocalMediaReader(LocalMediaStore store) : IMediaReader
{
    public Task<IResult> ServeAsync(string key, string contentType, HttpContext http)
    {
        var path = store.PathOf(key);
        if (path is null || !File.Exists(path)) return Task.FromResult(MediaReader.Missing(http));
        var info = new FileInfo(path);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return Task.FromResult(Results.File(path, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag,
            enableRangeProcessing: true));
    }
}
