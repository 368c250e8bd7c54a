namespace Tiktok.Server.Media;

/// <summary>The <c>Tiktok:Media</c> configuration section: where media live and how clients reach them (docs/media.md).</summary>
public sealed class MediaOptions
{
    public const string Section = "Tiktok:Media";

    /// <summary>Largest lifetime a SigV4 presigned URL may have.</summary>
    public static readonly TimeSpan MaxPresignedLifetime = TimeSpan.FromDays(7);

    public MediaStoreKind Store { get; set; } = MediaStoreKind.Local;

    public MediaUrlMode UrlMode { get; set; } = MediaUrlMode.Proxied;

    /// <summary>How long a presigned URL stays valid (UrlMode Presigned); at most 7 days.</summary>
    public TimeSpan PresignedLifetime { get; set; } = MaxPresignedLifetime;

    /// <summary>Base that keys are appended to (UrlMode Public), e.g. a CDN or a public bucket's URL.</summary>
    public string PublicBaseUrl { get; set; } = "";

    public S3MediaOptions S3 { get; set; } = new();

    /// <summary>
    /// Use ffprobe and ffmpeg when they are on PATH (the deeper upload check, covers cut from the video);
    /// false: never, uploads get the structural check alone and the placeholder cover.
    /// </summary>
    public bool UseFfmpeg { get; set; } = true;

    /// <summary>Everything wrong with the settings, phrased for the operator; empty when they are usable.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Store == MediaStoreKind.S3)
        {
            if (!Uri.TryCreate(S3.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                problems.Add("Tiktok:Media:S3:Endpoint must be an http(s) URL such as http://127.0.0.1:9000 or https://s3.amazonaws.com");
            else if (endpoint.AbsolutePath != "/" || endpoint.Query.Length > 0)
                problems.Add("Tiktok:Media:S3:Endpoint must be the server's root URL (no path): the bucket goes in Tiktok:Media:S3:Bucket");
            if (string.IsNullOrEmpty(S3.AccessKey) || string.IsNullOrEmpty(S3.SecretKey))
                problems.Add("Tiktok:Media:S3:AccessKey and Tiktok:Media:S3:SecretKey must be set (e.g. as environment variables Tiktok__Media__S3__AccessKey / __SecretKey)");
            if (string.IsNullOrEmpty(S3.Bucket))
                problems.Add("Tiktok:Media:S3:Bucket must not be empty");
        }
        if (UrlMode == MediaUrlMode.Presigned)
        {
            if (Store != MediaStoreKind.S3)
                problems.Add("Tiktok:Media:UrlMode Presigned needs Tiktok:Media:Store S3");
            if (PresignedLifetime < TimeSpan.FromSeconds(1) || PresignedLifetime > MaxPresignedLifetime)
                problems.Add("Tiktok:Media:PresignedLifetime must be between 1 second and 7 days");
        }
        if (UrlMode == MediaUrlMode.Public &&
            !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicBase) && publicBase.Scheme is "http" or "https"))
            problems.Add("Tiktok:Media:UrlMode Public needs Tiktok:Media:PublicBaseUrl, an http(s) URL the keys are appended to");
        return problems;
    }
}
