using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tiktok.Core;
using Tiktok.Core.Accounts;
using Tiktok.Core.Errors;
using Tiktok.Server.Authentication;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Api;

/// <summary>Tokens, passwords and body limits through the real host, on SQLite and on PostgreSQL.</summary>
public abstract class SecurityAndLimitsTests : IDisposable
{
    public sealed class Sqlite() : SecurityAndLimitsTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : SecurityAndLimitsTests(TestDatabases.Postgres);

    private readonly TiktokFactory _f;
    private readonly HttpClient _http;

    private SecurityAndLimitsTests(string database)
    {
        _f = new(settings: new() { ["Tiktok:MaxUploadBytes"] = "200000" }, database: database);
        _http = _f.CreateClient();
    }

    public void Dispose()
    {
        _f.Dispose();
        _f.DeleteData();
    }

    [DatabaseFact]
    public async Task An_altered_token_is_refused_and_changes_nothing()
    {
        var (me, token) = await _http.RegisterAsync();
        var (other, _) = await _http.RegisterAsync();
        var parts = token.Split('.');
        // Claim to be someone else, keeping the old signature.
        var forgedPayload = Base64UrlEncoder.Encode(Base64UrlEncoder.DecodeBytes(parts[1]).Select(b => b).ToArray()
            .Let(bytes => System.Text.Encoding.UTF8.GetString(bytes).Replace($"\"sub\":\"{me}\"", $"\"sub\":\"{other}\"")));
        var forged = $"{parts[0]}.{forgedPayload}.{parts[2]}";

        var answer = await _http.PostFormAsync("/douyin/relation/action/", ("token", forged), ("to_user_id", me.ToString()), ("action_type", "1"));
        Assert.Equal((int)ErrorCode.TokenInvalid, answer.Status());
        var info = await _http.GetJsonAsync($"/douyin/user/?user_id={me}");
        Assert.Equal(0, info.GetProperty("user").GetProperty("follower_count").GetInt64());
    }

    [DatabaseFact]
    public async Task An_expired_token_is_refused()
    {
        var (me, _) = await _http.RegisterAsync();
        var expired = _f.InScopeAsync(sp =>
        {
            var past = new FrozenClock(DateTimeOffset.UtcNow.AddDays(-30));
            var tokens = new JwtAccessTokens(sp.GetRequiredService<TokenValidationParameters>(),
                sp.GetRequiredService<IOptions<TiktokOptions>>(), past);
            return Task.FromResult(tokens.Issue(me));
        });
        var answer = await _http.GetJsonAsync($"/douyin/user/?token={await expired}");
        Assert.Equal((int)ErrorCode.TokenInvalid, answer.Status());
    }

    [DatabaseFact]
    public async Task A_bearer_header_works_like_the_token_parameter()
    {
        var (me, token) = await _http.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/douyin/user/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, answer.Status());
        Assert.Equal(me, answer.GetProperty("user").GetProperty("id").GetInt64());
    }

    [DatabaseFact]
    public async Task Passwords_are_stored_as_bcrypt_hashes_and_a_failed_login_does_not_say_why()
    {
        var name = "p" + Guid.NewGuid().ToString("N")[..10];
        await _http.PostFormAsync("/douyin/user/register/", ("username", name), ("password", "right-password"));
        var hash = await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<Tiktok.Core.Data.TiktokDbContext>();
            return db.Users.Single(u => u.Name == name).PasswordHash;
        });
        Assert.StartsWith("$2", hash);
        Assert.DoesNotContain("right-password", hash);

        var wrongPassword = await _http.PostFormAsync("/douyin/user/login/", ("username", name), ("password", "wrong-password"));
        var unknownName = await _http.PostFormAsync("/douyin/user/login/", ("username", name + "x"), ("password", "wrong-password"));
        Assert.Equal((int)ErrorCode.WrongCredentials, wrongPassword.Status());
        Assert.Equal(wrongPassword.GetProperty("status_msg").GetString(), unknownName.GetProperty("status_msg").GetString());
        Assert.Equal("", wrongPassword.GetProperty("token").GetString());
        Assert.Equal(0, wrongPassword.GetProperty("user_id").GetInt64());
    }

    [DatabaseFact]
    public async Task Registering_a_taken_name_is_refused_even_when_racing()
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..10];
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _http.PostFormAsync("/douyin/user/register/", ("username", name), ("password", "secret123"))));
        Assert.Single(answers, a => a.Status() == 0);
        Assert.All(answers.Where(a => a.Status() != 0), a => Assert.Equal((int)ErrorCode.UsernameTaken, a.Status()));
    }

    [DatabaseFact]
    public async Task An_upload_over_the_limit_gets_413_with_a_json_body_and_leaves_nothing()
    {
        var (me, token) = await _http.RegisterAsync();
        var big = new byte[300_000];
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4")).CopyTo(big, 0);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent("too big"), "title" },
            { new ByteArrayContent(big), "data", "big.mp4" },
        };
        using var response = await _http.PostAsync("/douyin/publish/action/", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)ErrorCode.UploadTooLarge, answer.Status());
        AssertNoMediaAndNoVideo(me);
    }

    [DatabaseFact]
    public async Task A_file_that_is_not_a_video_is_refused_and_leaves_nothing()
    {
        var (me, token) = await _http.RegisterAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent("not a video"), "title" },
            { new ByteArrayContent("just some text, not a video at all"u8.ToArray()), "data", "fake.mp4" },
        };
        var answer = await (await _http.PostAsync("/douyin/publish/action/", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)ErrorCode.NotAVideo, answer.Status());
        AssertNoMediaAndNoVideo(me);
    }

    [DatabaseFact]
    public async Task A_publish_without_a_valid_token_stores_nothing()
    {
        var (me, _) = await _http.RegisterAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"))), "data", "a.mp4" },
            { new StringContent("bad.token.here"), "token" },
            { new StringContent("t"), "title" },
        };
        var answer = await (await _http.PostAsync("/douyin/publish/action/", form)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)ErrorCode.TokenInvalid, answer.Status());
        AssertNoMediaAndNoVideo(me);
    }

    [DatabaseFact]
    public async Task A_malformed_multipart_body_gets_a_clear_answer_not_a_500()
    {
        var (_, token) = await _http.RegisterAsync();
        using var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\nabc", System.Text.Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        using var response = await _http.PostAsync($"/douyin/publish/action/?token={token}", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, answer.Status());
    }

    private void AssertNoMediaAndNoVideo(long userId)
    {
        var media = Path.Combine(_f.DataDir, "media");
        var files = Directory.Exists(media) ? Directory.GetFiles(media, "*", SearchOption.AllDirectories) : [];
        Assert.Empty(files);
        var uploads = Path.Combine(_f.DataDir, "uploads");
        Assert.Empty(Directory.Exists(uploads) ? Directory.GetFiles(uploads) : []);
        var list = _http.GetJsonAsync($"/douyin/publish/list/?user_id={userId}").Result;
        Assert.Equal(0, list.GetProperty("video_list").GetArrayLength());
    }
}

internal static class Functional
{
    public static TOut Let<TIn, TOut>(this TIn value, Func<TIn, TOut> f) => f(value);
}

/// <summary>
/// Rate limits and the signing-key file: the host's own, not the database's (each test starts
/// hosts of its own), so on the embedded default only.
/// </summary>
public sealed class HostLimitsTests
{
    [Fact]
    public async Task Register_and_login_are_rate_limited_per_address_with_a_json_429()
    {
        using var strict = new TiktokFactory(settings: new() { ["Tiktok:AuthRequestsPerMinute"] = "3" });
        var http = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();
        JsonElement last = default;
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsync("/douyin/user/login/", new FormUrlEncodedContent([new("username", "nobody"), new("password", "whatever1")]));
            statuses.Add(response.StatusCode);
            last = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        strict.DeleteData();
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal((int)ErrorCode.RateLimited, last.Status());
    }

    [Fact]
    public async Task GraphQL_log_in_shares_the_per_address_budget_with_REST()
    {
        using var strict = new TiktokFactory(settings: new() { ["Tiktok:AuthRequestsPerMinute"] = "3" });
        var http = strict.CreateClient();
        for (var i = 0; i < 3; i++)
            await http.PostFormAsync("/douyin/user/login/", ("username", "nobody"), ("password", "whatever1"));
        var (_, body) = await Tiktok.Tests.GraphQL.GraphQLClient.GraphQLAsync(http,
            "mutation { login(username: \"nobody\", password: \"whatever1\") { token } }");
        strict.DeleteData();
        Assert.Equal("RATE_LIMITED", Tiktok.Tests.GraphQL.GraphQLClient.ErrorCode(body));
    }

    [Fact]
    public async Task The_generated_signing_key_survives_a_restart_so_tokens_stay_valid()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        string token;
        using (var first = new TiktokFactory(dir))
            (_, token) = await first.CreateClient().RegisterAsync();
        Assert.True(File.Exists(Path.Combine(dir, SigningKey.FileName)));
        using (var second = new TiktokFactory(dir))
        {
            var answer = await second.CreateClient().GetJsonAsync($"/douyin/user/?token={token}");
            Assert.Equal(0, answer.Status());
        }
        Directory.Delete(dir, true);
    }
}

public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Answers_carry_nosniff_frame_and_referrer_headers()
    {
        using var f = new TiktokFactory();
        using var response = await f.CreateClient().GetAsync("/douyin/feed/");
        f.DeleteData();
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);

    [Fact]
    public async Task The_web_client_gets_a_strict_content_security_policy_and_api_answers_are_not_cached()
    {
        using var f = new TiktokFactory();
        var http = f.CreateClient();
        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = Directives(page);
        Assert.Equal("default-src 'self'", csp["default-src"]);
        Assert.Equal("script-src 'self'", csp["script-src"]);
        Assert.Equal("style-src 'self'", csp["style-src"]);
        Assert.Equal("frame-ancestors 'none'", csp["frame-ancestors"]);
        Assert.Equal("object-src 'none'", csp["object-src"]);
        Assert.Equal("connect-src 'self' ws://localhost", csp["connect-src"]);
        Assert.Equal("img-src 'self' data: blob:", csp["img-src"]);
        Assert.DoesNotContain("unsafe", page.Headers.GetValues("Content-Security-Policy").Single());
        // No inline script or style attribute survives in the page itself.
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotMatch("\\s(style|on[a-z]+)\\s*=", html);
        Assert.Null(page.Headers.CacheControl?.NoStore is true ? "no-store" : null);

        foreach (var api in new[] { "/douyin/feed/", "/graphql?query=%7B__typename%7D" })
        {
            using var answer = await http.GetAsync(api);
            Assert.True(answer.Headers.CacheControl?.NoStore, api);
        }
        f.DeleteData();
    }

    [Fact]
    public void Presigned_and_public_media_origins_are_allowed_by_the_policy()
    {
        var presigned = new Tiktok.Server.Media.MediaOptions
        {
            Store = Tiktok.Server.Media.MediaStoreKind.S3,
            UrlMode = Tiktok.Server.Media.MediaUrlMode.Presigned,
            S3 = new() { Endpoint = "https://s3.example.com", AccessKey = "k", SecretKey = "s" },
        };
        var policy = new Tiktok.Server.Hosting.ContentSecurityPolicies(Options.Create(presigned), Options.Create(new TiktokOptions())).Default;
        Assert.Contains("media-src 'self' blob: https://s3.example.com https://*.s3.example.com;", policy);
        Assert.Contains("img-src 'self' data: blob: https://s3.example.com https://*.s3.example.com;", policy);

        var cdn = new Tiktok.Server.Media.MediaOptions { UrlMode = Tiktok.Server.Media.MediaUrlMode.Public, PublicBaseUrl = "https://cdn.example.com/media/" };
        policy = new Tiktok.Server.Hosting.ContentSecurityPolicies(Options.Create(cdn), Options.Create(new TiktokOptions())).Default;
        Assert.Contains("media-src 'self' blob: https://cdn.example.com;", policy);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_outside_development_and_loopback()
    {
        using var f = new TiktokFactory(settings: new() { ["environment"] = "Production" });
        var https = f.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tiktok.example.com") });
        using var secure = await https.GetAsync("/healthz");
        Assert.StartsWith("max-age=", secure.Headers.GetValues("Strict-Transport-Security").Single());
        using var plain = await f.CreateClient().GetAsync("/healthz");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        var loopback = f.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var local = await loopback.GetAsync("/healthz");
        Assert.False(local.Headers.Contains("Strict-Transport-Security"));
        f.DeleteData();
    }
}
