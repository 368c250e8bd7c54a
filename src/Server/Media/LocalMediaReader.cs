using Microsoft.Net.Http.Headers;

namespace Tiktok.Server.Media;

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
