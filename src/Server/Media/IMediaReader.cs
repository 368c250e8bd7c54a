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
