namespace Tiktok.Server.Media;

public static class MediaReader
{
    /// <summary>404 that no cache keeps: the key may be filled later (never by us, but a proxy should not care).</summary>
    public static IResult Missing(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.NotFound();
    }
}
