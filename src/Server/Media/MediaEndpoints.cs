using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using Tiktok.Core.Data;

namespace Tiktok.Server.Media;

/// <summary>
/// GET/HEAD /media/{key}: media with its Content-Type, HTTP Range (206) and cache headers, read from the
/// configured store through <see cref="IMediaReader"/>. Keys are unique names that never change content,
/// so they are cached for a year as immutable.
/// </summary>
public static class MediaEndpoints
{
    private static readonly Dictionary<string, (byte[] Bytes, EntityTagHeaderValue ETag)> BuiltIn = new()
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

    private static async Task<IResult> Serve(string key, HttpContext http, IMediaReader reader)
    {
        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } };
        var contentType = MediaKeyRules.ContentTypeOf(key);
        if (BuiltIn.TryGetValue(key, out var builtIn))
            return Results.Bytes(builtIn.Bytes, contentType, entityTag: builtIn.ETag);

        if (!MediaKeyRules.IsValid(key)) return MediaReader.Missing(http);
        return await reader.ServeAsync(key, contentType, http);
    }

    /// <summary>The image and an ETag from its content, the same on every instance and after restarts.</summary>
    private static (byte[], EntityTagHeaderValue) Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"built-in image {name} is missing from the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
    }
}
