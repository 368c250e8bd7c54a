using Microsoft.Extensions.Options;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Observability;

/// <summary>A setting that cannot work stops the real host at start with an <see cref="OptionsValidationException"/> naming it.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Tiktok:MaxUploadBytes", "-1", "Tiktok:MaxUploadBytes must be positive")]
    [InlineData("Tiktok:ListLimit", "0", "Tiktok:ListLimit must be positive")]
    [InlineData("Tiktok:PasswordWorkFactor", "3", "Tiktok:PasswordWorkFactor must be a bcrypt cost between 4 and 20")]
    [InlineData("Tiktok:PasswordWorkFactor", "31", "Tiktok:PasswordWorkFactor")]
    [InlineData("Tiktok:AuthRequestsPerMinute", "0", "Tiktok:AuthRequestsPerMinute must be positive")]
    [InlineData("Tiktok:TokenLifetime", "-00:01:00", "Tiktok:TokenLifetime must be positive")]
    [InlineData("Tiktok:TimeZone", "Mars/Olympus", "Tiktok:TimeZone is not a time zone")]
    [InlineData("Tiktok:PublicBaseUrl", "not a url", "Tiktok:PublicBaseUrl must be an http(s) URL")]
    [InlineData("Tiktok:PublicBaseUrl", "ftp://example.com", "Tiktok:PublicBaseUrl must be an http(s) URL")]
    [InlineData("Tiktok:SigningKey", "short", "Tiktok:SigningKey must be at least 32 bytes")]
    [InlineData("Tiktok:Database:Provider", "Oracle", "Tiktok:Database:Provider 'Oracle' is not Sqlite or PostgreSQL")]
    [InlineData("Tiktok:Media:Store", "S3", "Tiktok:Media:S3:Endpoint must be an http(s) URL")]
    [InlineData("Tiktok:Media:UrlMode", "Presigned", "Tiktok:Media:UrlMode Presigned needs Tiktok:Media:Store S3")]
    [InlineData("Tiktok:Cache:EntryLifetime", "00:00:00", "Tiktok:Cache:EntryLifetime must be positive")]
    [InlineData("Tiktok:Cache:MemoryEntries", "-5", "Tiktok:Cache:MemoryEntries must be positive")]
    [InlineData("Tiktok:Processing:MaxAttempts", "0", "Tiktok:Processing:MaxAttempts must be positive")]
    [InlineData("Tiktok:Redis:Configuration", "127.0.0.1:6379,connectTimeout=soon", "Tiktok:Redis:Configuration is not")]
    [InlineData("Tiktok:Metrics:Port", "-1", "Tiktok:Metrics:Port must be 0")]
    public void A_bad_setting_stops_start_up_naming_it(string key, string value, string expected)
    {
        using var f = new TiktokFactory(settings: new() { [key] = value });
        try
        {
            var e = Assert.Throws<OptionsValidationException>(() => f.CreateClient());
            Assert.Contains(expected, e.Message);
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_or_an_S3_store_without_a_bucket_is_named()
    {
        foreach (var (settings, expected) in new (Dictionary<string, string?>, string)[]
                 {
                     (new() { ["Tiktok:Database:Provider"] = "PostgreSQL", ["Tiktok:Database:ConnectionString"] = "" },
                         "Tiktok:Database:ConnectionString is required when Tiktok:Database:Provider is PostgreSQL"),
                     (new() { ["Tiktok:Database:Provider"] = "PostgreSQL", ["Tiktok:Database:ConnectionString"] = "Hots=x;;Nonsense" },
                         "Tiktok:Database:ConnectionString is not a PostgreSQL connection string"),
                     (new()
                     {
                         ["Tiktok:Media:Store"] = "S3", ["Tiktok:Media:S3:Endpoint"] = "http://127.0.0.1:9000",
                         ["Tiktok:Media:S3:AccessKey"] = "k", ["Tiktok:Media:S3:SecretKey"] = "s", ["Tiktok:Media:S3:Bucket"] = "",
                     }, "Tiktok:Media:S3:Bucket must not be empty"),
                 })
        {
            using var f = new TiktokFactory(settings: settings);
            try
            {
                var e = Assert.Throws<OptionsValidationException>(() => f.CreateClient());
                Assert.Contains(expected, e.Message);
            }
            finally
            {
                f.DeleteData();
            }
        }
    }
}
