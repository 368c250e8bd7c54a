using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tiktok.Core;
using Tiktok.Core.Accounts;
using Tiktok.Server.Authentication;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Edge;

/// <summary>
/// A real fault is the one failure logged at Error and answered 9001 with the request id; the
/// sign-up/log-in budget's 429 says when to try again. The host's own behaviour (each test starts
/// its own host), so on the embedded default only.
/// </summary>
public sealed class FaultAndRetryTests
{
    /// <summary>Validates tokens as the host does, but fails like a bug on the token "fault".</summary>
    private sealed class FaultyTokens(IAccessTokens inner) : IAccessTokens
    {
        public string Issue(long userId) => inner.Issue(userId);

        public ValueTask<VerifiedToken?> ValidateAsync(string token) =>
            token == "fault" ? throw new InvalidOperationException("injected fault") : inner.ValidateAsync(token);
    }

    [Fact]
    public async Task An_injected_fault_answers_9001_with_the_request_id_and_is_logged_at_Error()
    {
        var logs = new CapturedLogs();
        using var f = new TiktokFactory(configure: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.AddSingleton<IAccessTokens>(sp => new FaultyTokens(new JwtAccessTokens(sp.GetRequiredService<TokenValidationParameters>(),
                sp.GetRequiredService<IOptions<TiktokOptions>>(), TimeProvider.System)));
        });
        var http = f.CreateClient();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/douyin/user/?token=fault");
            request.Headers.Add("X-Request-Id", "fault-test-1");
            using var response = await http.SendAsync(request);
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(9001, answer.Status());
            Assert.Equal("internal error; the request id is fault-test-1", answer.GetProperty("status_msg").GetString());
            Assert.DoesNotContain("injected", answer.GetRawText());
            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == "injected fault");
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Fact]
    public async Task The_sign_up_and_log_in_429_says_when_to_try_again_on_REST_and_GraphQL()
    {
        using var strict = new TiktokFactory(settings: new() { ["Tiktok:AuthRequestsPerMinute"] = "2" });
        var http = strict.CreateClient();
        try
        {
            for (var i = 0; i < 2; i++)
                await http.PostFormAsync("/douyin/user/login/", ("username", "nobody"), ("password", "whatever1"));
            using var refused = await http.PostAsync("/douyin/user/login/",
                new FormUrlEncodedContent([new("username", "nobody"), new("password", "whatever1")]));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var seconds = int.Parse(refused.Headers.GetValues("Retry-After").Single());
            Assert.InRange(seconds, 1, 60);

            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { query = "mutation { login(username: \"nobody\", password: \"whatever1\") { token } }" }),
            };
            using var graphql = await http.SendAsync(request);
            var body = JsonDocument.Parse(await graphql.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("RATE_LIMITED", body.ErrorCode());
            Assert.InRange(int.Parse(graphql.Headers.GetValues("Retry-After").Single()), 1, 60);
        }
        finally
        {
            strict.DeleteData();
        }
    }
}
