using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tiktok.Core;
using Tiktok.Core.Accounts;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Server.Authentication;
using Tiktok.Server.Live;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.Edge;

/// <summary>
/// Tampered, expired, wrongly signed, deleted-user and unknown-user tokens on every front (REST
/// reads and actions, GraphQL queries and mutations, both hubs): each answered with its documented
/// error, and nothing changed. On SQLite and on PostgreSQL.
/// </summary>
public abstract class TokenRefusalTests(LiveFixture f) : IAsyncLifetime
{
    public sealed class Sqlite(LiveFixture.Sqlite f) : TokenRefusalTests(f), IClassFixture<LiveFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(LiveFixture.Postgres f) : TokenRefusalTests(f), IClassFixture<LiveFixture.Postgres>;

    private HttpClient Http => f.Http;

    /// <summary>A bad token, what it is, and the error every front must answer it with.</summary>
    private sealed record BadToken(string Kind, string Token, ErrorCode Expected)
    {
        public override string ToString() => Kind;
    }

    /// <summary>The target of the attempted actions: its counts must stay zero.</summary>
    private long _target;

    private List<BadToken> _bad = [];

    public async Task InitializeAsync()
    {
        var (me, token) = await Http.RegisterAsync();
        (_target, _) = await Http.RegisterAsync();
        var (gone, goneToken) = await Http.RegisterAsync();
        // A database reset or a removed row: the token is validly signed, its user is not there.
        await f.Factory.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Users.Where(u => u.Id == gone).ExecuteDeleteAsync());

        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace($"\"sub\":\"{me}\"", $"\"sub\":\"{_target}\"");
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var (expired, wrongKey, unknown) = await f.Factory.InScopeAsync(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TiktokOptions>>();
            var past = new JwtAccessTokens(sp.GetRequiredService<TokenValidationParameters>(), options,
                new FrozenClock(DateTimeOffset.UtcNow.AddDays(-30)));
            var otherKey = new JwtAccessTokens(JwtAccessTokens.ValidationParameters(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64))),
                options, TimeProvider.System);
            return Task.FromResult((past.Issue(me), otherKey.Issue(me), sp.GetRequiredService<IAccessTokens>().Issue(987_654_321)));
        });
        _bad =
        [
            new("tampered", tampered, ErrorCode.TokenInvalid),
            new("expired", expired, ErrorCode.TokenInvalid),
            new("wrong key", wrongKey, ErrorCode.TokenInvalid),
            new("garbage", "not-a-jwt", ErrorCode.TokenInvalid),
            new("deleted user", goneToken, ErrorCode.UserNotFound),
            new("unknown user", unknown, ErrorCode.UserNotFound),
        ];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AssertTargetUntouchedAsync()
    {
        var info = await Http.GetJsonAsync($"/douyin/user/?user_id={_target}");
        Assert.Equal(0, info.GetProperty("user").GetProperty("follower_count").GetInt64());
        var (follows, messages) = await f.Factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            return (await db.Follows.CountAsync(x => x.FolloweeId == _target), await db.Messages.CountAsync(m => m.ToUserId == _target));
        });
        Assert.Equal((0, 0), (follows, messages));
    }

    [DatabaseFact]
    public async Task REST_reads_refuse_every_bad_token_as_query_parameter_or_bearer_header()
    {
        string[] reads =
        [
            $"/douyin/message/chat/?to_user_id={_target}",
            $"/douyin/publish/list/?user_id={_target}",
            $"/douyin/relation/friend/list/?user_id={_target}",
            $"/douyin/relation/follow/list/?user_id={_target}",
            $"/douyin/favorite/list/?user_id={_target}",
            $"/douyin/user/?user_id={_target}",
            "/douyin/feed/",
            "/douyin/comment/list/?video_id=1",
        ];
        foreach (var bad in _bad)
            foreach (var path in reads)
            {
                var byQuery = await Http.GetJsonAsync(path + (path.Contains('?') ? "&" : "?") + "token=" + Uri.EscapeDataString(bad.Token));
                Assert.True((int)bad.Expected == byQuery.Status(), $"{bad} token on {path}: {byQuery}");

                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bad.Token);
                using var response = await Http.SendAsync(request);
                var byHeader = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True((int)bad.Expected == byHeader.Status(), $"{bad} bearer token on {path}: {byHeader}");
            }
    }

    [DatabaseFact]
    public async Task REST_actions_refuse_every_bad_token_in_the_form_or_query_and_change_nothing()
    {
        foreach (var bad in _bad)
        {
            (string Path, (string, string)[] Form)[] actions =
            [
                ("/douyin/relation/action/", [("token", bad.Token), ("to_user_id", _target.ToString()), ("action_type", "1")]),
                ("/douyin/message/action/", [("token", bad.Token), ("to_user_id", _target.ToString()), ("action_type", "1"), ("content", "hi")]),
                ("/douyin/favorite/action/", [("token", bad.Token), ("video_id", "1"), ("action_type", "1")]),
                ("/douyin/comment/action/", [("token", bad.Token), ("video_id", "1"), ("action_type", "1"), ("comment_text", "hi")]),
            ];
            foreach (var (path, form) in actions)
            {
                var inForm = await Http.PostFormAsync(path, form);
                Assert.True((int)bad.Expected == inForm.Status(), $"{bad} token in the form of {path}: {inForm}");
                var query = string.Join("&", form.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
                var inQuery = await Http.PostFormAsync(path + "?" + query);
                Assert.True((int)bad.Expected == inQuery.Status(), $"{bad} token in the query of {path}: {inQuery}");
            }

            // Publish: the token is a field of the multipart body.
            using var upload = new MultipartFormDataContent
            {
                { new StringContent(bad.Token), "token" },
                { new StringContent("a title"), "title" },
                { new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"))), "data", "clip.mp4" },
            };
            using var published = await Http.PostAsync("/douyin/publish/action/", upload);
            var answer = await published.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True((int)bad.Expected == answer.Status(), $"{bad} token in the publish body: {answer}");
        }
        await AssertTargetUntouchedAsync();
        Assert.Equal(0, await f.Factory.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.CountAsync()));
    }

    [DatabaseFact]
    public async Task A_token_given_twice_with_different_values_is_refused()
    {
        var (_, token) = await Http.RegisterAsync();
        var (_, other) = await Http.RegisterAsync();
        var answer = await Http.PostFormAsync($"/douyin/relation/action/?token={other}",
            ("token", token), ("to_user_id", _target.ToString()), ("action_type", "1"));
        Assert.Equal((int)ErrorCode.InvalidValue, answer.Status());
        Assert.Contains("'token'", answer.GetProperty("status_msg").GetString());
        await AssertTargetUntouchedAsync();
    }

    [DatabaseFact]
    public async Task GraphQL_queries_and_mutations_answer_401_with_the_error_and_change_nothing()
    {
        string[] documents =
        [
            "{ me { id } }",
            $"{{ chat(withUserId: {_target}) {{ id }} }}",
            "{ feed { nodes { id } } }",
            $"mutation {{ follow(userId: {_target}) {{ id }} }}",
            $"mutation {{ sendMessage(toUserId: {_target}, content: \"hi\") {{ id }} }}",
        ];
        foreach (var bad in _bad)
            foreach (var document in documents)
            {
                var (status, body) = await Http.GraphQLAsync(document, token: bad.Token);
                Assert.True(HttpStatusCode.Unauthorized == status, $"{bad} token on {document}: {status} {body}");
                Assert.Equal((int)bad.Expected, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
                Assert.False(body.TryGetProperty("data", out _), $"{bad} token on {document} ran: {body}");
            }
        await AssertTargetUntouchedAsync();
    }

    [DatabaseFact]
    public async Task Both_hubs_refuse_every_bad_token_on_long_polling_and_WebSockets()
    {
        foreach (var bad in _bad)
            foreach (var path in new[] { LiveSetup.ChatPath, LiveSetup.VideosPath })
            {
                await using var polling = HubClients.Build(f.Factory, path, bad.Token);
                var error = await Assert.ThrowsAsync<HttpRequestException>(() => polling.StartAsync());
                Assert.True(HttpStatusCode.Unauthorized == error.StatusCode, $"{bad} token on {path}: {error.StatusCode}");

                await using var socket = HubClients.BuildWebSocket(f.Factory, path, bad.Token);
                await Assert.ThrowsAnyAsync<Exception>(() => socket.StartAsync());
                Assert.Equal(HubConnectionState.Disconnected, socket.State);
            }
    }

    [DatabaseFact]
    public async Task The_same_user_with_a_good_token_is_served_on_every_front()
    {
        var (me, token) = await Http.RegisterAsync();
        Assert.Equal(0, (await Http.GetJsonAsync($"/douyin/message/chat/?token={token}&to_user_id={_target}")).Status());
        var (_, body) = await Http.GraphQLAsync("{ me { id } }", token: token);
        Assert.Equal(me.ToString(), body.GetProperty("data").GetProperty("me").GetProperty("id").ToString());
        await using var chat = await HubClients.Build(f.Factory, LiveSetup.ChatPath, token).StartedAsync();
        await using var videos = await HubClients.BuildWebSocket(f.Factory, LiveSetup.VideosPath, token).StartedAsync();
    }
}
