using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Tiktok.Core.Accounts;
using Tiktok.Core.Errors;
using Tiktok.Server.ScaleOut;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.ScaleOut;

/// <summary>
/// The sign-up/log-in budget (<c>Tiktok:AuthRequestsPerMinute</c>) with several instances: shared
/// through Redis, so two instances allow it once, not twice; per instance while Redis is down.
/// (In the test server every client address is "unknown": all attempts come from one address.)
/// </summary>
public sealed class SharedAuthBudgetTests
{
    private static Dictionary<string, string?> Settings(string redis, string prefix, int perMinute)
    {
        var settings = RedisTest.Settings(redis, prefix);
        settings["Tiktok:AuthRequestsPerMinute"] = perMinute.ToString();
        return settings;
    }

    /// <summary>A log-in with a wrong password: 2004 while within the budget, 6001 (HTTP 429) beyond it.</summary>
    private static async Task<int> LoginAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/douyin/user/login/",
            new FormUrlEncodedContent([new("username", "nobody"), new("password", "whatever1")]));
        var status = (await response.Content.ReadFromJsonAsync<JsonElement>()).Status();
        Assert.Equal(status == (int)ErrorCode.RateLimited ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK, response.StatusCode);
        return status;
    }

    private static async Task<string> GraphQLLoginAsync(HttpClient http)
    {
        var (_, body) = await http.GraphQLAsync("mutation { login(username: \"nobody\", password: \"whatever1\") { token } }");
        return body.ErrorCode();
    }

    private static async Task ConnectedAsync(TiktokFactory host)
    {
        var multiplexer = await host.Services.GetRequiredService<RedisConnection>().ConnectedAsync();
        for (var i = 0; i < 100 && !multiplexer.IsConnected; i++) await Task.Delay(50);
        Assert.True(multiplexer.IsConnected, "the host did not connect to Redis");
    }

    private const int Wrong = (int)ErrorCode.WrongCredentials;
    private const int Limited = (int)ErrorCode.RateLimited;

    [RedisFact]
    public async Task Two_instances_sharing_Redis_allow_the_budget_once_not_once_each()
    {
        var prefix = RedisTest.NewPrefix();
        using var hosts = new TwoHosts(Settings(RedisTest.Require(), prefix, 4));
        await ConnectedAsync(hosts.A);
        await ConnectedAsync(hosts.B);

        // Four attempts spread over both instances and both fronts use the whole budget...
        Assert.Equal(Wrong, await LoginAsync(hosts.HttpA));
        Assert.Equal(Wrong, await LoginAsync(hosts.HttpB));
        Assert.Equal("WRONG_CREDENTIALS", await GraphQLLoginAsync(hosts.HttpA));
        Assert.Equal("WRONG_CREDENTIALS", await GraphQLLoginAsync(hosts.HttpB));
        // ...so the fifth is refused on either instance, though each has seen only two.
        Assert.Equal(Limited, await LoginAsync(hosts.HttpA));
        Assert.Equal(Limited, await LoginAsync(hosts.HttpB));
        Assert.Equal("RATE_LIMITED", await GraphQLLoginAsync(hosts.HttpB));
        var register = await hosts.HttpB.PostFormAsync("/douyin/user/register/", ("username", "late" + prefix[^6..]), ("password", "secret123"));
        Assert.Equal(Limited, register.Status());

        // One key per address under the deployment's prefix, expiring with the window.
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisTest.Require());
        await using (redis)
        {
            var key = prefix + ":auth:unknown";
            Assert.Equal(4, await redis.GetDatabase().SortedSetLengthAsync(key));
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= TimeSpan.FromMinutes(1), $"TTL {ttl}");
        }
    }

    [RedisFact]
    public async Task With_Redis_down_each_instance_falls_back_to_its_own_window_and_no_request_fails()
    {
        OwnRedisServer.Require();
        using var server = new OwnRedisServer();
        await server.StartAsync();
        using var hosts = new TwoHosts(Settings(server.Configuration, RedisTest.NewPrefix(), 3));
        await ConnectedAsync(hosts.A);
        await ConnectedAsync(hosts.B);

        Assert.Equal(Wrong, await LoginAsync(hosts.HttpA));
        Assert.Equal(Wrong, await LoginAsync(hosts.HttpA)); // shared count 2, A's own 2, B's own 0

        server.Stop();
        // A remembers what it counted through Redis: one attempt left, then refused.
        Assert.Equal(Wrong, await LoginAsync(hosts.HttpA));
        Assert.Equal(Limited, await LoginAsync(hosts.HttpA));
        // B counts alone now: the whole budget, then refused.
        for (var i = 0; i < 3; i++) Assert.Equal(Wrong, await LoginAsync(hosts.HttpB));
        Assert.Equal(Limited, await LoginAsync(hosts.HttpB));
        Assert.Equal("RATE_LIMITED", await GraphQLLoginAsync(hosts.HttpB));

        // Counting does not wait on the missing Redis (fail-fast): well under its 1 s command timeout.
        var attempts = hosts.A.Services.GetRequiredService<AuthAttempts>();
        var started = Stopwatch.GetTimestamp();
        await attempts.EnterAsync("probe-" + Guid.NewGuid().ToString("N"));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(500),
            $"an attempt took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms with Redis down");
    }

    [Fact]
    public async Task With_Redis_never_reachable_the_budget_is_per_instance_and_requests_succeed()
    {
        // Port 1 on loopback: nothing listens there.
        using var hosts = new TwoHosts(Settings("127.0.0.1:1,connectTimeout=500", RedisTest.NewPrefix(), 2));
        for (var i = 0; i < 2; i++) Assert.Equal(Wrong, await LoginAsync(hosts.HttpA));
        Assert.Equal(Limited, await LoginAsync(hosts.HttpA));
        for (var i = 0; i < 2; i++) Assert.Equal(Wrong, await LoginAsync(hosts.HttpB));
        Assert.Equal(Limited, await LoginAsync(hosts.HttpB));
        Assert.Equal(0, (await hosts.HttpA.GetJsonAsync("/douyin/feed/")).Status());
    }
}
