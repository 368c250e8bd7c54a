using System.Text;
using Microsoft.Extensions.Options;
using Tiktok.Core;

namespace Tiktok.Server.Hosting;

/// <summary>Refuses <c>Tiktok</c> and <c>Tiktok:Database</c> settings that cannot work, naming each setting.</summary>
public sealed class TiktokOptionsValidation : IValidateOptions<TiktokOptions>
{
    public ValidateOptionsResult Validate(string? name, TiktokOptions o)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.DataDir)) problems.Add("Tiktok:DataDir must name a directory");
        if (o.MaxUploadBytes <= 0) problems.Add($"Tiktok:MaxUploadBytes must be positive, not {o.MaxUploadBytes}");
        if (o.TokenLifetime <= TimeSpan.Zero) problems.Add($"Tiktok:TokenLifetime must be positive, not {o.TokenLifetime}");
        if (o.ListLimit <= 0) problems.Add($"Tiktok:ListLimit must be positive, not {o.ListLimit}");
        if (o.AuthRequestsPerMinute <= 0) problems.Add($"Tiktok:AuthRequestsPerMinute must be positive, not {o.AuthRequestsPerMinute}");
        if (o.PasswordWorkFactor is < 4 or > 20)
            problems.Add($"Tiktok:PasswordWorkFactor must be a bcrypt cost between 4 and 20 (11 is the default), not {o.PasswordWorkFactor}");
        if (!string.IsNullOrEmpty(o.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
            problems.Add("Tiktok:TimeZone is not a time zone this machine knows (use an IANA name such as Asia/Shanghai)");
        if (!string.IsNullOrEmpty(o.PublicBaseUrl) &&
            !(Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var publicBase) && publicBase.Scheme is "http" or "https" && publicBase.Query.Length == 0))
            problems.Add($"Tiktok:PublicBaseUrl must be an http(s) URL such as https://tiktok.example.com, not '{o.PublicBaseUrl}'");
        if (!string.IsNullOrEmpty(o.SigningKey) && Encoding.UTF8.GetByteCount(o.SigningKey) < 32)
            problems.Add("Tiktok:SigningKey must be at least 32 bytes long (or empty: a key is generated into the data directory)");

        var provider = o.Database.Provider;
        if (string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(o.Database.ConnectionString))
                problems.Add("Tiktok:Database:ConnectionString is required when Tiktok:Database:Provider is PostgreSQL");
            else
                try { _ = new Npgsql.NpgsqlConnectionStringBuilder(o.Database.ConnectionString); }
                catch (ArgumentException e) { problems.Add($"Tiktok:Database:ConnectionString is not a PostgreSQL connection string: {e.Message}"); }
        }
        else if (!string.IsNullOrWhiteSpace(provider) && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            problems.Add($"Tiktok:Database:Provider '{provider}' is not Sqlite or PostgreSQL");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
