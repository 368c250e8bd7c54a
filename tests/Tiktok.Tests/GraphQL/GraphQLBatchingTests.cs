using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Schema;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Units;

namespace Tiktok.Tests.GraphQL;

public sealed class GraphQLBatchingTests
{
    private const string FeedQuery = """
        { feed(first: 30) { nodes { id title favoriteCount commentCount isFavorite playUrl
            author { id name followerCount isFollow videos(first: 2) { nodes { id } } }
            comments(first: 3) { nodes { id content user { id name isFollow } } } } } }
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_feed_page_with_authors_flags_and_first_comments_costs_the_same_sql_for_1_and_30_videos(string database)
    {
        var one = await MeasureAsync(1, database);
        var thirty = await MeasureAsync(30, database);
        Assert.True(one > 0);
        Assert.True(one == thirty, $"{one} SQL commands for a feed of 1 video but {thirty} for 30: something loads per video");
    }

    private static async Task<int> MeasureAsync(int videos, string database)
    {
        // The cache off: what is measured is the database work of a cold read, which a warm cache would hide.
        using var f = new TiktokFactory(database: database, settings: new() { ["Tiktok:Cache:Enabled"] = "false" });
        try
        {
            var http = f.CreateClient();
            var (viewer, token) = await http.RegisterAsync();
            var authors = await f.UsersAsync(videos);
            var commenters = await f.UsersAsync(3);
            foreach (var author in authors)
            {
                var video = (await f.VideosAsync(author, 1))[0];
                await f.InScopeAsync(sp => sp.GetRequiredService<Likes>().AddAsync(viewer, video, default));
                await f.InScopeAsync(sp => sp.GetRequiredService<Follows>().AddAsync(viewer, author, default));
                foreach (var c in commenters)
                    await f.InScopeAsync(sp => sp.GetRequiredService<Comments>().AddAsync(c, video, "nice", default));
            }
            await http.DataAsync(FeedQuery, token: token); // warm-up
            JsonElement data = default;
            var commands = await f.Commands.CountAsync(async () => data = await http.DataAsync(FeedQuery, token: token));
            var nodes = data.GetProperty("feed").GetProperty("nodes");
            Assert.Equal(videos, nodes.GetArrayLength());
            Assert.All(nodes.EnumerateArray(), n =>
            {
                Assert.True(n.GetProperty("isFavorite").GetBoolean());
                Assert.True(n.GetProperty("author").GetProperty("isFollow").GetBoolean());
                Assert.Equal(3, n.GetProperty("comments").GetProperty("nodes").GetArrayLength());
            });
            return commands;
        }
        finally
        {
            f.DeleteData();
        }
    }
}

public sealed class SchemaDocumentTests
{
    [Fact]
    public void The_committed_sdl_matches_the_running_schema()
    {
        using var f = new TiktokFactory();
        var schema = f.Services.GetRequiredService<TiktokSchema>();
        schema.Initialize();
        var printed = schema.Print().ReplaceLineEndings("\n").Trim() + "\n";
        var path = Path.Combine(ErrorCatalogueTests.RepoRoot(), "docs", "schema.graphql");
        if (Environment.GetEnvironmentVariable("UPDATE_SDL") == "1") File.WriteAllText(path, printed);
        Assert.True(File.Exists(path), "docs/schema.graphql is missing: run the tests once with UPDATE_SDL=1");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(committed == printed, "docs/schema.graphql differs from the running schema: run the tests with UPDATE_SDL=1 and commit the file");
        f.DeleteData();
    }
}
