using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Tiktok.EndToEnd.Infrastructure;
using Tiktok.Testing;

namespace Tiktok.EndToEnd.Tests;

/// <summary>Behaviour the app relies on beyond single requests: concurrency, time units, URLs, rate limits.</summary>
[Collection(ServerCollection.Name)]
public sealed class ContractExtrasTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    [Fact]
    public async Task Likes_from_many_users_at_once_are_all_counted()
    {
        var author = await _api.NewUserAsync("crowd");
        var video = await _api.PublishSampleAsync(author, "crowded");
        var fans = await _api.NewUsersAsync(12, "fan");
        foreach (var r in await Task.WhenAll(fans.Select(f =>
                     _api.Post("/douyin/favorite/action/", ("token", f.Token), ("video_id", video), ("action_type", 1)))))
            r.Ok();
        Assert.Equal(12, (await _api.UserAsync(author.Id)).GetProperty("total_favorited").GetInt64());
        var v = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok().Array("video_list").Single();
        Assert.Equal(12, v.GetProperty("favorite_count").GetInt64());

        foreach (var r in await Task.WhenAll(fans.Select(f =>
                     _api.Post("/douyin/relation/action/", ("token", f.Token), ("to_user_id", author.Id), ("action_type", 1)))))
            r.Ok();
        Assert.Equal(12, (await _api.UserAsync(author.Id)).GetProperty("follower_count").GetInt64());
        var followers = (await _api.Get("/douyin/relation/follower/list/", ("user_id", author.Id))).Ok().Ids("user_list");
        Assert.Equal(fans.Select(f => f.Id).Order(), followers.Order());
    }

    [Fact]
    public async Task Polling_chat_while_messages_arrive_from_both_sides_sees_each_exactly_once()
    {
        var users = await _api.NewUsersAsync(2, "live");
        var (a, b) = (users[0], users[1]);
        const int perSide = 15;
        var sending = Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < perSide; i++) (await Send(a, b, $"a{i}")).Ok(); }),
            Task.Run(async () => { for (var i = 0; i < perSide; i++) (await Send(b, a, $"b{i}")).Ok(); }));

        var received = new List<JsonElement>();
        long last = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 2 * perSide && DateTime.UtcNow < deadline)
        {
            var done = sending.IsCompleted;
            var reply = (await _api.Get("/douyin/message/chat/", ("token", a.Token), ("to_user_id", b.Id), ("pre_msg_time", last))).Ok();
            var fresh = reply.Array("message_list");
            received.AddRange(fresh);
            if (fresh.Count > 0) last = fresh[^1].GetProperty("create_time").GetInt64();
            if (done && fresh.Count == 0) break;
        }
        await sending;
        var final = (await _api.Get("/douyin/message/chat/", ("token", a.Token), ("to_user_id", b.Id), ("pre_msg_time", last))).Ok();
        received.AddRange(final.Array("message_list"));

        var contents = received.Select(m => m.GetProperty("content").GetString()!).ToList();
        var duplicates = contents.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"polled twice: {string.Join(", ", duplicates)}");
        var expected = Enumerable.Range(0, perSide).SelectMany(i => new[] { $"a{i}", $"b{i}" }).Order().ToList();
        Assert.True(expected.SequenceEqual(contents.Order()), $"polling missed: {string.Join(", ", expected.Except(contents))}");
        // Each side's messages in the order they were sent.
        Assert.Equal(Enumerable.Range(0, perSide).Select(i => $"a{i}"), contents.Where(c => c[0] == 'a'));
        var times = received.Select(m => m.GetProperty("create_time").GetInt64()).ToList();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First < p.Second), "create_time strictly increases across polls");
    }

    private Task<Reply> Send(TestUser from, TestUser to, string content) =>
        _api.Post("/douyin/message/action/", ("token", from.Token), ("to_user_id", to.Id), ("action_type", 1), ("content", content));

    [Fact]
    public async Task Pre_msg_time_in_seconds_is_taken_as_seconds()
    {
        var users = await _api.NewUsersAsync(2, "msec");
        (await Send(users[0], users[1], "one")).Ok();
        var ahead = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds();
        Assert.Empty(await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", users[0].Token), ("to_user_id", users[1].Id), ("pre_msg_time", ahead)));
        var behind = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds();
        Assert.Single(await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", users[0].Token), ("to_user_id", users[1].Id), ("pre_msg_time", behind)));
    }

    [Fact]
    public async Task Publish_answers_well_within_the_apps_five_seconds()
    {
        var author = await _api.NewUserAsync("quick");
        var clock = Stopwatch.StartNew();
        (await _api.Publish(author.Token, "quick", Douyin.SampleMp4)).Ok();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"publish took {clock.Elapsed.TotalSeconds:0.0} s; the app gives up after about 5 s");
    }

    [OwnedServerFact]
    public async Task Media_urls_are_built_from_the_requests_own_host()
    {
        var author = await _api.NewUserAsync("host");
        await _api.PublishSampleAsync(author, "host");
        var list = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok();
        var v = list.Array("video_list").Single();
        Assert.StartsWith(fixture.BaseUrl + "/media/", v.GetProperty("play_url").GetString());
        Assert.StartsWith(fixture.BaseUrl + "/media/", v.GetProperty("author").GetProperty("avatar").GetString());

        var request = new HttpRequestMessage(HttpMethod.Get, _api.Url("/douyin/publish/list/") + Douyin.QueryString([("user_id", author.Id)]));
        request.Headers.Host = "app.example.test:8443";
        var viaOtherHost = (await _api.Send(request)).Ok();
        var other = viaOtherHost.Array("video_list").Single();
        Assert.StartsWith("http://app.example.test:8443/media/", other.GetProperty("play_url").GetString());
        Assert.StartsWith("http://app.example.test:8443/media/", other.GetProperty("cover_url").GetString());
    }

    [OwnedServerFact]
    public async Task Register_and_log_in_over_the_rate_limit_answer_429_with_the_zero_valued_json_body()
    {
        var work = Path.Combine(Path.GetTempPath(), "tiktok-e2e-rl-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await ServerProcess.StartAsync(Path.Combine(work, "data"), Path.Combine(work, "server.log"),
            new Dictionary<string, string> { ["Tiktok__AuthRequestsPerMinute"] = "3", ["Tiktok__PasswordWorkFactor"] = "4" });
        try
        {
            async Task<(HttpStatusCode Status, string Body)> Call(string path, string name)
            {
                using var answer = await fixture.Http.PostAsync(server.BaseUrl + path,
                    Douyin.Form([("username", name), ("password", "secret-1")]));
                return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
            }

            var name = Douyin.UniqueName("rl");
            var results = new List<(HttpStatusCode Status, string Body)>
            {
                await Call("/douyin/user/register/", name),
                await Call("/douyin/user/login/", name),
                await Call("/douyin/user/login/", name),
                await Call("/douyin/user/login/", name),
                await Call("/douyin/user/register/", Douyin.UniqueName("rl")),
            };
            Assert.All(results.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.Status));
            foreach (var (status, body) in results.Skip(3))
            {
                var why = $"over the limit: HTTP {(int)status} {body}\n{server.Tail(20)}";
                Assert.True(status == HttpStatusCode.TooManyRequests, why);
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                Assert.True(root.GetProperty("status_code").GetInt32() == 6001, why);
                Assert.False(string.IsNullOrEmpty(root.GetProperty("status_msg").GetString()), why);
                // API.md: an error answer carries the endpoint's fields, zero-valued ("token": "", "user_id": 0).
                Assert.True(root.TryGetProperty("user_id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() == 0,
                    "429 answer must carry \"user_id\": 0: " + why);
                Assert.True(root.TryGetProperty("token", out var token) && token.GetString() == "",
                    "429 answer must carry \"token\": \"\": " + why);
            }
        }
        finally
        {
            await server.StopAsync();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
