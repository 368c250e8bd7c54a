using System.Text.Json;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.Caching;

/// <summary>The hot-read cache seen through the API: reads skip the database, writes are never undone.</summary>
public sealed class CachedReadsTests
{
    private static Task<JsonElement> FollowAsync(HttpClient http, string token, long user, int action) =>
        http.PostFormAsync("/douyin/relation/action/", ("token", token), ("to_user_id", user.ToString()), ("action_type", action.ToString()));

    private static async Task<JsonElement> ProfileAsync(HttpClient http, long user)
    {
        var answer = await http.GetJsonAsync($"/douyin/user/?user_id={user}");
        Assert.Equal(0, answer.Status());
        return answer.GetProperty("user");
    }

    private const string VideoQuery = "query($id: ID!) { video(id: $id) { favoriteCount commentCount author { totalFavorited } } }";

    private static async Task<(long Likes, long Comments, long AuthorLikes)> VideoAsync(HttpClient http, long video)
    {
        var v = (await http.DataAsync(VideoQuery, new { id = video.ToString() })).GetProperty("video");
        return (v.GetProperty("favoriteCount").GetInt64(), v.GetProperty("commentCount").GetInt64(),
            v.GetProperty("author").GetProperty("totalFavorited").GetInt64());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_warm_profile_costs_no_SQL_and_a_follow_shows_at_once(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var (star, _) = await http.RegisterAsync();
            var (fan, fanToken) = await http.RegisterAsync();
            await ProfileAsync(http, star);

            Assert.Equal(0, await f.Commands.CountAsync(() => ProfileAsync(http, star)));

            Assert.Equal(0, (await FollowAsync(http, fanToken, star, 1)).Status());
            Assert.Equal(1, (await ProfileAsync(http, star)).GetProperty("follower_count").GetInt64());
            Assert.Equal(1, (await ProfileAsync(http, fan)).GetProperty("follow_count").GetInt64());
            Assert.Equal(0, (await FollowAsync(http, fanToken, star, 2)).Status());
            Assert.Equal(0, (await ProfileAsync(http, star)).GetProperty("follower_count").GetInt64());
        }
        finally
        {
            f.DeleteData();
        }
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Writes_through_host_A_are_read_at_once_through_host_B_and_survive_a_flush(string database)
    {
        var prefix = RedisTest.NewPrefix();
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), prefix), database);
        var (liker, token) = await hosts.HttpA.RegisterAsync();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];

        // Readers on B keep the entries hot (and race to refill them) while A writes.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await VideoAsync(hosts.HttpB, video);
                await ProfileAsync(hosts.HttpB, liker);
            }
        })).ToList();

        for (var round = 1; round <= 20; round++)
        {
            var liked = round % 2 == 1;
            Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, liked ? 1 : 2)).Status());
            var expected = liked ? 1 : 0;
            Assert.Equal((expected, 0L, expected), await VideoAsync(hosts.HttpB, video));
            Assert.Equal(expected, (await ProfileAsync(hosts.HttpB, liker)).GetProperty("favorite_count").GetInt64());
            if (round == 10)
            {
                // Redis loses everything mid-traffic: reads go on from the database, then refill.
                await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisTest.Require());
                var server = redis.GetServer(redis.GetEndPoints()[0]);
                await foreach (var key in server.KeysAsync(pattern: prefix + ":*")) await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
        stop.Cancel();
        await Task.WhenAll(readers);

        // And the entries were really served from Redis: a warm read on B costs no SQL for the video.
        await VideoAsync(hosts.HttpB, video);
        Assert.Equal(0, await hosts.B.Commands.CountAsync(() => VideoAsync(hosts.HttpB, video)));
    }
}
