using System.Reflection;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using Tiktok.Core.Data;

namespace Tiktok.Server.Media;

/// <summary>
/// GET/HEAD /media/{key}: media with its Content-Type, HTTP Range (206) and cache headers. Keys are
/// unique names that never change content, so they are cached for a year as immutable.
/// </summary>
public static class MediaEndpoints
{
    private static readonly Dictionary<string, byte[]> BuiltIn = new()
    {
        [MediaKeys.DefaultAvatar] = Resource("default-avatar.png"),
        [MediaKeys.DefaultBackground] = Resource("default-background.png"),
        [MediaKeys.PlaceholderCover] = Resource("placeholder-cover.png"),
    };

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**key}", [HttpMethods.Get, HttpMethods.Head], Serve);
        return app;
    }

    private static IResult Serve(string key, HttpContext http, LocalMediaStore store)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } };
        var contentType = MediaKeyRules.ContentTypeOf(key);
        if (BuiltIn.TryGetValue(key, out var bytes))
            return Results.Bytes(bytes, contentType, entityTag: new EntityTagHeaderValue($"\"{key.GetHashCode():x}\""));

        var path = store.PathOf(key);
        if (path is null || !File.Exists(path))
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        var info = new FileInfo(path);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return Results.File(path, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag, enableRangeProcessing: true);
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"built-in image {name} is missing from the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
