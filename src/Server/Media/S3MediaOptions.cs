namespace Tiktok.Server.Media;

public sealed class S3MediaOptions
{
    /// <summary>The S3 server's root URL; its scheme decides TLS.</summary>
    public string Endpoint { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Bucket { get; set; } = "media";
    /// <summary>Signing region; empty means us-east-1 (MinIO, s3rver and most S3-compatible servers accept it).</summary>
    public string Region { get; set; } = "";
}
