namespace Tiktok.Core;

/// <summary>The <c>Tiktok</c> configuration section; see the README's configuration table.</summary>
public sealed class TiktokOptions
{
    public const string Section = "Tiktok";

    /// <summary>Where the SQLite file, media and the generated signing key live.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Base of absolute media URLs; empty means the request's own scheme and host.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Largest accepted video upload, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long a token stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>HMAC key for tokens (at least 32 bytes); generated into the data directory when empty.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>bcrypt cost factor for password hashes.</summary>
    public int PasswordWorkFactor { get; set; } = 11;

    /// <summary>Most items returned by an unpaged list (a user's videos, likes, follow lists, comments, message history).</summary>
    public int ListLimit { get; set; } = 1000;

    /// <summary>Time zone of comments' MM-DD date; empty means the machine's.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>Register and log-in attempts allowed per client address per minute.</summary>
    public int AuthRequestsPerMinute { get; set; } = 60;

    /// <summary>Which database: <c>Sqlite</c> (default, in the data directory) or <c>PostgreSQL</c>.</summary>
    public DatabaseOptions Database { get; set; } = new();

    public string MediaDir => Path.Combine(DataDir, "media");
    /// <summary>Uploads being received (one <c>.part</c> file each); leftovers of a crash are swept by age.</summary>
    public string UploadDir => Path.Combine(DataDir, "uploads");

    /// <summary>Media jobs' temporary files, one folder per claimed attempt; leftovers are swept by ownership.</summary>
    public string ProcessingDir => Path.Combine(DataDir, "processing");
}
