using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.Caching;

/// <summary>
/// Viewer flags (is_favorite, is_follow) come from a per-viewer cache entry and the newest feed
/// page from shared bytes: a viewer's own like or follow shows in their very next read, on every
/// read path and on both fronts; another viewer never gets them; a warm token feed costs no SQL.
/// </summary>
public sealed class ViewerFlagsTests
{
    private const string GraphQLFeed = "{ feed(first: 30) { nodes { id isFavorite author { id isFollow } } } }";

    private static Task<JsonElement> FollowAsync(HttpClient http, string token, long user, int action) =>
        http.PostFormAsync("/douyin/relation/action/", ("token", token), ("to_user_id", user.ToString()), ("action_type", action.ToString()));

    /// <summary>(is_favorite of the video, is_follow of its author) in a REST video list answer.</summary>
    private static (bool Liked, bool Followed) InList(JsonElement answer, long video)
    {
        Assert.Equal(0, answer.Status());
        var v = answer.GetProperty("video_list").EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == video);
        return (v.GetProperty("is_favorite").GetBoolean(), v.GetProperty("author").GetProperty("is_follow").GetBoolean());
    }

    private static async Task<(bool Liked, bool Followed)> GraphQLAsync(HttpClient http, string token, long video)
    {
        var v = (await http.DataAsync(GraphQLFeed, token: token)).GetProperty("feed").GetProperty("nodes").EnumerateArray()
            .Single(x => x.GetProperty("id").GetString() == video.ToString());
        return (v.GetProperty("isFavorite").GetBoolean(), v.GetProperty("author").GetProperty("isFollow").GetBoolean());
    }

    /// <summary>Every read that shows the viewer's flags on <paramref name="video"/> by <paramref name="author"/>.</summary>
    private static async Task AssertFlagsAsync(HttpClient http, string token, long author, long video, bool liked, bool followed)
    {
        var expected = (liked, followed);
        Assert.Equal(expected, InList(await http.GetJsonAsync($"/douyin/feed/?token={token}"), video));
        var after = 9_999_999_999_999;
        Assert.Equal(expected, InList(await http.GetJsonAsync($"/douyin/feed/?token={token}&latest_time={after}"), video));
        Assert.Equal(expected, InList(await http.GetJsonAsync($"/douyin/publish/list/?token={token}&user_id={author}"), video));
        Assert.Equal(expected, await GraphQLAsync(http, token, video));
        var profile = await http.GetJsonAsync($"/douyin/user/?token={token}&user_id={author}");
        Assert.Equal(followed, profile.GetProperty("user").GetProperty("is_follow").GetBoolean());
    }

    private static async Task RoundsAsync(HttpClient writeTo, HttpClient readFrom, string token, string otherToken, long author, long video)
    {
        // Warm every entry first, for both viewers, so a stale one would be served.
        await AssertFlagsAsync(readFrom, token, author, video, false, false);
        await AssertFlagsAsync(readFrom, otherToken, author, video, false, false);
        for (var round = 1; round <= 4; round++)
        {
            var on = round % 2 == 1;
            Assert.Equal(0, (await writeTo.LikeAsync(token, video, on ? 1 : 2)).Status());
            await AssertFlagsAsync(readFrom, token, author, video, on, !on);
            Assert.Equal(0, (await FollowAsync(writeTo, token, author, on ? 1 : 2)).Status());
            await AssertFlagsAsync(readFrom, token, author, video, on, on);
            // The other viewer never gets this viewer's flags.
            await AssertFlagsAsync(readFrom, otherToken, author, video, false, false);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_viewer_sees_their_own_like_and_follow_in_the_next_read_and_no_one_else_does(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var author = (await f.UsersAsync(1))[0];
            var video = (await f.VideosAsync(author, 3))[1];
            var (_, token) = await http.RegisterAsync();
            var (_, otherToken) = await http.RegisterAsync();
            await RoundsAsync(http, http, token, otherToken, author, video);
        }
        finally
        {
            f.DeleteData();
        }
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task With_Redis_a_like_on_one_instance_shows_in_the_next_read_on_the_other(string database)
    {
        using var hosts = new TwoHosts(RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 3))[1];
        var (_, token) = await hosts.HttpA.RegisterAsync();
        var (_, otherToken) = await hosts.HttpA.RegisterAsync();
        await RoundsAsync(hosts.HttpA, hosts.HttpB, token, otherToken, author, video);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_warm_token_feed_costs_no_SQL_and_answers_as_the_serializer_does(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var author = (await f.UsersAsync(1))[0];
            var videos = await f.VideosAsync(author, 5);
            var (_, token) = await http.RegisterAsync();
            Assert.Equal(0, (await http.LikeAsync(token, videos[2], 1)).Status());
            Assert.Equal(0, (await FollowAsync(http, token, author, 1)).Status());
            await http.GetStringAsync($"/douyin/feed/?token={token}");

            Assert.Equal(0, await f.Commands.CountAsync(() => http.GetStringAsync($"/douyin/feed/?token={token}")));
            // The shared bytes with this viewer's flags equal what the serializer writes for a page
            // read past the cache (a cursor after every video gives the same videos).
            var shared = await http.GetStringAsync($"/douyin/feed/?token={token}");
            var serialized = await http.GetStringAsync($"/douyin/feed/?token={token}&latest_time={9_999_999_999_999}");
            Assert.Equal(serialized, shared);
            Assert.Contains("\"is_favorite\":true", shared);
            Assert.Equal(await http.GetStringAsync($"/douyin/feed/?latest_time={9_999_999_999_999}"), await http.GetStringAsync("/douyin/feed/"));
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_cached_token_of_a_deleted_user_is_still_refused(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var (gone, token) = await http.RegisterAsync();
            Assert.Equal(0, (await http.GetJsonAsync($"/douyin/feed/?token={token}")).Status()); // validated once, kept
            await f.InScopeAsync(async sp =>
            {
                await sp.GetRequiredService<TiktokDbContext>().Users.Where(u => u.Id == gone).ExecuteDeleteAsync();
                // The user-existence rule: the user's row comes from the hot-read cache, dropped by
                // every write of that user (here, around the domain, by hand).
                await sp.GetRequiredService<IHotCache>().InvalidateAsync([CardKey.User(gone)], default);
            });
            Assert.Equal((int)ErrorCode.UserNotFound, (await http.GetJsonAsync($"/douyin/feed/?token={token}")).Status());
            Assert.Equal((int)ErrorCode.UserNotFound, (await http.GetJsonAsync($"/douyin/user/?user_id=1&token={token}")).Status());
        }
        finally
        {
            f.DeleteData();
        }
    }
}
