using System.Reflection;
using Minio;
using Minio.DataModel.Args;
using Tiktok.Tests.Infrastructure;
using Xunit.Sdk;

namespace Tiktok.Tests.Media;

/// <summary>
/// The S3 server for the storage tests: <c>TIKTOK_TEST_S3</c> (e.g. <c>http://127.0.0.1:4569</c>), keys
/// <c>TIKTOK_TEST_S3_ACCESS_KEY</c>/<c>TIKTOK_TEST_S3_SECRET_KEY</c> (default S3RVER, s3rver's),
/// bucket <c>TIKTOK_TEST_S3_BUCKET</c> (default media). Unset: S3 variants are skipped, except under
/// <c>CI=true</c>, where they run and fail saying the server is missing.
/// </summary>
public static class S3TestServer
{
    public const string Local = "Local";
    public const string S3 = "S3";

    public static string? Endpoint => Env("TIKTOK_TEST_S3");
    public static string AccessKey => Env("TIKTOK_TEST_S3_ACCESS_KEY") ?? "S3RVER";
    public static string SecretKey => Env("TIKTOK_TEST_S3_SECRET_KEY") ?? "S3RVER";
    public static string Bucket => Env("TIKTOK_TEST_S3_BUCKET") ?? "media";

    private static bool UnderCi => string.Equals(Env("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why S3 variants are skipped, or null when they run (server given, or under CI).</summary>
    public static string? SkipReason =>
        Endpoint is null && !UnderCi ? "no S3 server: set TIKTOK_TEST_S3=http://127.0.0.1:4569 (s3rver, see docs/media.md) to run the S3 variants" : null;

    /// <summary>Settings for an S3-backed host; fails the test when no server is configured (CI).</summary>
    public static Dictionary<string, string?> Settings(string? bucket = null) => new()
    {
        ["Tiktok:Media:Store"] = "S3",
        ["Tiktok:Media:S3:Endpoint"] = RequireEndpoint(),
        ["Tiktok:Media:S3:AccessKey"] = AccessKey,
        ["Tiktok:Media:S3:SecretKey"] = SecretKey,
        ["Tiktok:Media:S3:Bucket"] = bucket ?? Bucket,
    };

    /// <summary>The server's URL; fails the test when none is configured (only reached under CI: elsewhere the test is skipped).</summary>
    public static string RequireEndpoint()
    {
        if (Endpoint is { } endpoint) return endpoint.TrimEnd('/');
        Assert.Fail("CI=true but TIKTOK_TEST_S3 is not set: the S3 media tests need an S3 server " +
            "(.ci/run starts s3rver; locally: s3rver -d DIR -a 127.0.0.1 -p 4569 --configure-bucket media)");
        return "";
    }

    /// <summary>A host on the given store and URL mode, with extra settings on top.</summary>
    public static TiktokFactory Host(string store, string urlMode = "Proxied", Dictionary<string, string?>? extra = null)
    {
        var settings = store == S3 ? Settings() : new Dictionary<string, string?>();
        settings["Tiktok:Media:UrlMode"] = urlMode;
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new TiktokFactory(settings: settings);
    }

    /// <summary>A client of our own, to look into the bucket behind the server's back.</summary>
    public static IMinioClient Client()
    {
        var uri = new Uri(Endpoint!);
        return new MinioClient().WithEndpoint(uri.Host, uri.Port).WithSSL(uri.Scheme == "https")
            .WithCredentials(AccessKey, SecretKey).WithRegion("us-east-1").Build();
    }

    public static async Task<bool> ExistsAsync(string bucket, string key)
    {
        using var client = (IDisposable)Client();
        try
        {
            await ((IMinioClient)client).StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key));
            return true;
        }
        catch (Minio.Exceptions.ObjectNotFoundException) { return false; }
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}

/// <summary>A theory row for the S3 store (its arguments follow "S3"), skipped with a reason when no server is configured.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class S3DataAttribute : DataAttribute
{
    private readonly object[] _rest;

    public S3DataAttribute(params object[] rest)
    {
        _rest = rest;
        Skip = S3TestServer.SkipReason;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[S3TestServer.S3, .. _rest]];
}

/// <summary>A fact that needs the S3 server; skipped with a reason when none is configured outside CI.</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute() => Skip = S3TestServer.SkipReason;
}
