namespace Tiktok.Server.Media;

public static class MediaKeyRules
{
    /// <summary>Keys are ours (lower-case letters, digits, '/', '.', '-', '_'), never user input taken as-is.</summary>
    public static bool IsValid(string key) =>
        key.Length is > 0 and <= 200 &&
        !key.Contains("..", StringComparison.Ordinal) &&
        !key.StartsWith('/') &&
        key.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '/' or '.' or '-' or '_');

    public static string ContentTypeOf(string key) => Path.GetExtension(key) switch
    {
        ".mp4" => "video/mp4",
        ".webm" => "video/webm",
        ".mov" => "video/quicktime",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
