using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>
/// Media in an S3 bucket through the Minio SDK: MinIO, AWS S3, OSS, COS or s3rver. Path-style
/// addressing except on AWS endpoints, where the SDK uses virtual-host style.
/// </summary>
/// <remarks>
/// <c>/media</c> reads go through presigned GET URLs fetched with plain HTTP, so the S3 server itself
/// answers Range and conditional requests (206, 304, 416) and this server relays them while streaming.
/// </remarks>
public sealed class S3MediaStore : IMediaStore, IMediaSource, IMediaReader, IDisposable
{
    /// <summary>Lifetime of the presigned URLs used for relaying; only this server sees them.</summary>
    private const int RelayUrlSeconds = 300;
    private const string ImmutableCaching = "public, max-age=31536000, immutable";
    private static readonly string[] ForwardedRequestHeaders =
        [HeaderNames.Range, HeaderNames.IfRange, HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfMatch, HeaderNames.IfUnmodifiedSince];

    private readonly IMinioClient _client;
    private readonly HttpClient _http;
    private readonly ILogger<S3MediaStore> _logger;

    public S3MediaStore(IOptions<MediaOptions> options, ILogger<S3MediaStore> logger)
    {
        _logger = logger;
        var s3 = options.Value.S3;
        var endpoint = new Uri(s3.Endpoint);
        Endpoint = endpoint.GetLeftPart(UriPartial.Authority);
        Bucket = s3.Bucket;
        _client = new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithSSL(endpoint.Scheme == Uri.UriSchemeHttps)
            .WithCredentials(s3.AccessKey, s3.SecretKey)
            // A fixed region keeps presigning local: without one the SDK may ask the server for the bucket's location.
            .WithRegion(string.IsNullOrEmpty(s3.Region) ? "us-east-1" : s3.Region)
            .Build();
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Endpoint { get; }
    public string Bucket { get; }

    /// <summary>Creates the bucket when it is missing; throws with the reason when the server cannot be used.</summary>
    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            if (await _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(Bucket), timeout.Token))
            {
                _logger.LogInformation("Media are stored in S3 bucket {Bucket} at {Endpoint}", Bucket, Endpoint);
                return;
            }
            await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(Bucket), timeout.Token);
            _logger.LogInformation("Created S3 bucket {Bucket} at {Endpoint} for media", Bucket, Endpoint);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var reason = e is OperationCanceledException ? "no answer within 20 s" : $"{e.GetType().Name}: {e.Message}";
            _logger.LogCritical("S3 media store unusable: bucket {Bucket} at {Endpoint} could not be checked or created ({Reason}). " +
                "Check Tiktok:Media:S3:Endpoint, AccessKey, SecretKey and Bucket", Bucket, Endpoint, reason);
            throw new InvalidOperationException(
                $"S3 media store unusable: bucket '{Bucket}' at {Endpoint} could not be checked or created ({reason})", e);
        }
    }

    /// <summary>Whether the bucket exists (throws when the server cannot be reached or refuses the credentials).</summary>
    public Task<bool> BucketExistsAsync(CancellationToken ct) =>
        _client.BucketExistsAsync(new BucketExistsArgs().WithBucket(Bucket), ct);

    public async Task PutAsync(string key, string localFile, string contentType, CancellationToken ct)
    {
        if (!MediaKeyRules.IsValid(key)) throw new ArgumentException($"bad media key '{key}'", nameof(key));
        await using (var file = File.OpenRead(localFile))
        {
            await _client.PutObjectAsync(new PutObjectArgs()
                .WithBucket(Bucket).WithObject(key)
                .WithStreamData(file).WithObjectSize(file.Length)
                .WithContentType(contentType)
                // Keys never change content: whoever serves the object directly (presigned, public) may cache it for good.
                .WithHeaders(new Dictionary<string, string> { [HeaderNames.CacheControl] = ImmutableCaching }), ct);
        }
        // Like the local store's move: the staged file is gone once the object is stored.
        File.Delete(localFile);
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        if (!MediaKeyRules.IsValid(key)) return;
        await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(Bucket).WithObject(key), ct);
    }

    /// <summary>Downloads the object to a temporary file in <paramref name="workDir"/>, deleted when the answer is disposed (or when the download fails).</summary>
    public async Task<LocalMediaFile> FetchAsync(string key, string workDir, CancellationToken ct)
    {
        if (!MediaKeyRules.IsValid(key)) throw new ArgumentException($"bad media key '{key}'", nameof(key));
        Directory.CreateDirectory(workDir);
        var path = Path.Combine(workDir, "download-" + Guid.NewGuid().ToString("N") + Path.GetExtension(key));
        var local = new LocalMediaFile(path, temporary: true);
        try
        {
            await _client.GetObjectAsync(new GetObjectArgs().WithBucket(Bucket).WithObject(key)
                .WithCallbackStream(async (stream, token) =>
                {
                    await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                    await stream.CopyToAsync(file, token);
                }), ct);
            return local;
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>A presigned GET URL for a key; computed locally (no request to the server).</summary>
    public string PresignedGetUrl(string key, TimeSpan lifetime) =>
        _client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
                .WithBucket(Bucket).WithObject(key).WithExpiry((int)lifetime.TotalSeconds))
            .GetAwaiter().GetResult();

    public async Task<IResult> ServeAsync(string key, string contentType, HttpContext http)
    {
        if (HttpMethods.IsHead(http.Request.Method)) return await HeadAsync(key, contentType, http);
        return new RelayResult(this, key, PresignedGetUrl(key, TimeSpan.FromSeconds(RelayUrlSeconds)), contentType);
    }

    /// <summary>HEAD cannot use a presigned GET URL (the method is signed), so it asks for the object's metadata.</summary>
    private async Task<IResult> HeadAsync(string key, string contentType, HttpContext http)
    {
        Minio.DataModel.ObjectStat stat;
        try
        {
            stat = await _client.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key), http.RequestAborted);
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            return MediaReader.Missing(http);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("S3 HEAD of {Key} failed: {Reason}", key, e.Message);
            return Unavailable(http);
        }
        var etag = new EntityTagHeaderValue($"\"{stat.ETag.Trim('"')}\"");
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc));
        http.Response.Headers.AcceptRanges = "bytes";
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(e => e.Equals(EntityTagHeaderValue.Any) || e.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        http.Response.ContentType = string.IsNullOrEmpty(stat.ContentType) ? contentType : stat.ContentType;
        http.Response.ContentLength = stat.Size;
        return Results.Empty;
    }

    private async Task<long?> SizeAsync(string key, CancellationToken ct)
    {
        try
        {
            return (await _client.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key), ct)).Size;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    private static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    public void Dispose()
    {
        _http.Dispose();
        (_client as IDisposable)?.Dispose();
    }

    /// <summary>Fetches the presigned URL with the client's Range/conditional headers and streams the answer back.</summary>
    private sealed class RelayResult(S3MediaStore store, string key, string url, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var name in ForwardedRequestHeaders)
                if (http.Request.Headers.TryGetValue(name, out var values))
                    request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);

            HttpResponseMessage upstream;
            try
            {
                upstream = await store._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                store._logger.LogWarning("S3 GET of {Url} failed: {Reason}", Redact(url), e.Message);
                await Unavailable(http).ExecuteAsync(http);
                return;
            }

            using (upstream)
            {
                var status = (int)upstream.StatusCode;
                if (status == StatusCodes.Status404NotFound)
                {
                    await MediaReader.Missing(http).ExecuteAsync(http);
                    return;
                }
                if (status is not (200 or 206 or 304 or 412 or 416))
                {
                    store._logger.LogWarning("S3 answered {Status} for {Url}", status, Redact(url));
                    await Unavailable(http).ExecuteAsync(http);
                    return;
                }

                var response = http.Response;
                response.StatusCode = status;
                response.Headers.AcceptRanges = "bytes";
                if (upstream.Headers.ETag is { } etag) response.Headers.ETag = etag.ToString();
                var content = upstream.Content.Headers;
                if (content.LastModified is { } lastModified) response.GetTypedHeaders().LastModified = lastModified;
                if (status is 200 or 206)
                {
                    response.ContentType = content.ContentType?.ToString() is { Length: > 0 } stored && stored != "application/octet-stream"
                        ? stored : contentType;
                    response.ContentLength = content.ContentLength;
                    if (content.ContentRange is { } range) response.Headers.ContentRange = range.ToString();
                    await using var body = await upstream.Content.ReadAsStreamAsync(http.RequestAborted);
                    await body.CopyToAsync(response.Body, http.RequestAborted);
                }
                else if (status == StatusCodes.Status416RangeNotSatisfiable)
                {
                    // RFC 9110 wants the length here; s3rver (and AWS) leave it out, so ask for it.
                    response.Headers.ContentRange = content.ContentRange?.ToString()
                        ?? (await store.SizeAsync(key, http.RequestAborted) is { } size ? $"bytes */{size}" : null);
                }
            }
        }

        /// <summary>The URL without its signature, for logs.</summary>
        private static string Redact(string url) => url.Split('?')[0];
    }
}
