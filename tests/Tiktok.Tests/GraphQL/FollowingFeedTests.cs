using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Follows;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

public sealed class FollowingFeedTests
{
    private const string Page = """
        query($first: Int, $after: String) { followingFeed(first: $first, after: $after) {
            nodes { id author { id } } pageInfo { hasNextPage endCursor } } }
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Pages_through_the_followees_videos_newest_first_without_a_repeat_or_a_skip(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var (viewer, token) = await http.RegisterAsync();
            var followees = await f.UsersAsync(3);
            var stranger = (await f.UsersAsync(1))[0];
            var expected = new List<long>();
            // Interleaved publishing, so a page mixes authors.
            for (var round = 0; round < 4; round++)
                foreach (var author in followees)
                    expected.AddRange(await f.VideosAsync(author, 1));
            await f.VideosAsync(stranger, 3);
            await f.VideosAsync(viewer, 1); // the viewer's own videos are not in it (no follow of oneself)
            foreach (var author in followees)
                await f.InScopeAsync(sp => sp.GetRequiredService<Follows>().AddAsync(viewer, author, default));
            expected.Reverse();

            var seen = new List<long>();
            string? after = null;
            for (var pages = 0; pages < 10; pages++)
            {
                var feed = (await http.DataAsync(Page, new { first = 5, after }, token)).GetProperty("followingFeed");
                seen.AddRange(feed.GetProperty("nodes").EnumerateArray().Select(n => long.Parse(n.GetProperty("id").GetString()!)));
                var info = feed.GetProperty("pageInfo");
                if (!info.GetProperty("hasNextPage").GetBoolean()) break;
                after = info.GetProperty("endCursor").GetString();
            }
            Assert.Equal(expected, seen);

            // Unfollowing one takes its videos out of the next read.
            await f.InScopeAsync(sp => sp.GetRequiredService<Follows>().RemoveAsync(viewer, followees[0], default));
            var rest = (await http.DataAsync(Page, new { first = 30 }, token)).GetProperty("followingFeed").GetProperty("nodes");
            Assert.All(rest.EnumerateArray(), n => Assert.NotEqual(followees[0].ToString(), n.GetProperty("author").GetProperty("id").GetString()));
            Assert.Equal(8, rest.GetArrayLength());
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_page_costs_the_same_sql_for_1_and_40_follows(string database)
    {
        var one = await MeasureAsync(1, database);
        var forty = await MeasureAsync(40, database);
        Assert.True(one > 0);
        Assert.True(one == forty, $"{one} SQL commands for a following feed page with 1 follow but {forty} with 40");
    }

    private static async Task<int> MeasureAsync(int follows, string database)
    {
        using var f = new TiktokFactory(database: database, settings: new() { ["Tiktok:Cache:Enabled"] = "false" });
        try
        {
            var http = f.CreateClient();
            var (viewer, token) = await http.RegisterAsync();
            foreach (var author in await f.UsersAsync(follows))
            {
                await f.VideosAsync(author, 2);
                await f.InScopeAsync(sp => sp.GetRequiredService<Follows>().AddAsync(viewer, author, default));
            }
            const string query = "{ followingFeed(first: 30) { nodes { id title isFavorite author { id name isFollow } } pageInfo { hasNextPage } } }";
            await http.DataAsync(query, token: token); // warm-up
            JsonElement data = default;
            var commands = await f.Commands.CountAsync(async () => data = await http.DataAsync(query, token: token));
            var nodes = data.GetProperty("followingFeed").GetProperty("nodes");
            Assert.Equal(Math.Min(30, 2 * follows), nodes.GetArrayLength());
            Assert.All(nodes.EnumerateArray(), n => Assert.True(n.GetProperty("author").GetProperty("isFollow").GetBoolean()));
            return commands;
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Is_refused_without_a_token_and_with_another_lists_cursor(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var (_, body) = await http.GraphQLAsync("{ followingFeed { nodes { id } } }");
            Assert.Equal("TOKEN_MISSING", body.ErrorCode());
            var (_, token) = await http.RegisterAsync();
            var (_, tooMany) = await http.GraphQLAsync("{ followingFeed(first: 31) { nodes { id } } }", token: token);
            Assert.Contains("first", tooMany.GetProperty("errors")[0].GetProperty("message").GetString());
            // A cursor of the main feed is not one of this list.
            var foreign = Convert.ToBase64String("v:1:0"u8.ToArray()).TrimEnd('=');
            var (_, wrong) = await http.GraphQLAsync(Page, new { first = 5, after = foreign }, token);
            Assert.Contains("after", wrong.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        finally
        {
            f.DeleteData();
        }
    }
}
