using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Data;
using Tiktok.Schema.Http;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// The answer cache serves repeated anonymous queries, and every kind of write the feed shows makes
/// the next answer fresh; viewers, mutations and answers with errors never go through it.
/// </summary>
public sealed class GraphQLAnswerCacheTests
{
    private const string Feed = """
        { feed(first: 10) { nodes { id title favoriteCount commentCount author { id name workCount }
            comments(first: 3) { nodes { id content user { id name } } } } } }
        """;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Every_write_the_feed_shows_makes_the_next_anonymous_answer_fresh(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var http = f.CreateClient();
            var answers = f.Services.GetRequiredService<AnswerCache>();
            var author = (await f.UsersAsync(1))[0];
            var videos = await f.VideosAsync(author, 2);
            var (fan, token) = await http.RegisterAsync();
            var comment = await http.DataAsync($"mutation {{ addComment(videoId: {videos[0]}, content: \"first\") {{ id }} }}", token: token);

            // Served from the cache the second time, the same bytes.
            var first = await RawAsync(http, Feed);
            var hits = answers.Hits;
            Assert.Equal(first, await RawAsync(http, Feed));
            Assert.Equal(hits + 1, answers.Hits);

            async Task<JsonElement> Node(long video)
            {
                var nodes = JsonDocument.Parse(await RawAsync(http, Feed)).RootElement.GetProperty("data").GetProperty("feed").GetProperty("nodes");
                return nodes.EnumerateArray().Single(n => n.GetProperty("id").GetString() == video.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // A like moves the count.
            await http.DataAsync($"mutation {{ likeVideo(videoId: {videos[1]}) {{ id }} }}", token: token);
            Assert.Equal(1, (await Node(videos[1])).GetProperty("favoriteCount").GetInt64());

            // A comment added: the count and the list.
            await http.DataAsync($"mutation {{ addComment(videoId: {videos[1]}, content: \"second\") {{ id }} }}", token: token);
            var commented = await Node(videos[1]);
            Assert.Equal(1, commented.GetProperty("commentCount").GetInt64());
            Assert.Equal("second", commented.GetProperty("comments").GetProperty("nodes")[0].GetProperty("content").GetString());

            // The video's author renamed.
            await RenameAsync(f, author, "renamed-author");
            Assert.Equal("renamed-author", (await Node(videos[0])).GetProperty("author").GetProperty("name").GetString());

            // A comment's author renamed (on no video's author card: only the comment shows them).
            await RenameAsync(f, fan, "renamed-fan");
            Assert.Equal("renamed-fan", (await Node(videos[0])).GetProperty("comments").GetProperty("nodes")[0]
                .GetProperty("user").GetProperty("name").GetString());

            // A comment deleted.
            await http.DataAsync($"mutation {{ deleteComment(videoId: {videos[0]}, commentId: {comment.GetProperty("addComment").GetProperty("id").GetString()}) }}", token: token);
            Assert.Equal(0, (await Node(videos[0])).GetProperty("comments").GetProperty("nodes").GetArrayLength());

            // A new video, through the write path.
            var added = await f.InScopeAsync(sp => sp.GetRequiredService<Writes>().RunAsync(async w =>
            {
                var video = new Video
                {
                    AuthorId = author,
                    Title = "newest",
                    PlayKey = "videos/test/clip.mp4",
                    CoverKey = MediaKeys.PlaceholderCover,
                    CreatedAt = w.Now + 60_000,
                };
                w.Db.Videos.Add(video);
                await w.Db.SaveChangesAsync();
                return video.Id;
            }, default));
            Assert.Equal("newest", (await Node(added)).GetProperty("title").GetString());

            // And once nothing changes, it is served again.
            var settled = await RawAsync(http, Feed);
            hits = answers.Hits;
            Assert.Equal(settled, await RawAsync(http, Feed));
            Assert.Equal(hits + 1, answers.Hits);
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Fact]
    public async Task Viewers_mutations_errors_and_other_variables_never_get_a_kept_answer()
    {
        using var f = new TiktokFactory();
        try
        {
            var http = f.CreateClient();
            var answers = f.Services.GetRequiredService<AnswerCache>();
            var author = (await f.UsersAsync(1))[0];
            var videos = await f.VideosAsync(author, 1);
            var (_, token) = await http.RegisterAsync();
            const string flags = "{ feed(first: 5) { nodes { id isFavorite } } }";
            await RawAsync(http, flags);
            await RawAsync(http, flags); // kept and served anonymously

            // A viewer's answer is computed for them: their like shows although nothing public moved in between.
            var hits = answers.Hits;
            var before = await http.DataAsync(flags, token: token);
            Assert.False(before.GetProperty("feed").GetProperty("nodes")[0].GetProperty("isFavorite").GetBoolean());
            await http.DataAsync($"mutation {{ likeVideo(videoId: {videos[0]}) {{ id }} }}", token: token);
            Assert.True((await http.DataAsync(flags, token: token)).GetProperty("feed").GetProperty("nodes")[0].GetProperty("isFavorite").GetBoolean());
            Assert.Equal(hits, answers.Hits);

            // Variables are part of the key.
            const string one = "query($id: ID!) { video(id: $id) { id title } }";
            var a = await http.DataAsync(one, new { id = videos[0].ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var missing = await http.DataAsync(one, new { id = "999999" });
            Assert.Equal(JsonValueKind.Null, missing.GetProperty("video").ValueKind);
            Assert.Equal(videos[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await http.DataAsync(one, new { id = videos[0].ToString(System.Globalization.CultureInfo.InvariantCulture) })).GetProperty("video").GetProperty("id").GetString());
            Assert.Equal("video 0", a.GetProperty("video").GetProperty("title").GetString());

            // Answers with errors are not kept: each request executes (and fails) again.
            var stored = answers.Stored;
            for (var i = 0; i < 2; i++)
            {
                var (_, body) = await http.GraphQLAsync("{ chat(withUserId: 1) { id } }");
                Assert.True(body.TryGetProperty("errors", out _));
            }
            Assert.Equal(stored, answers.Stored);

            // A mutation is never answered from or stored in the cache, even without a token.
            hits = answers.Hits;
            for (var i = 0; i < 2; i++)
            {
                var (_, body) = await http.GraphQLAsync($"mutation {{ likeVideo(videoId: {videos[0]}) {{ id }} }}");
                Assert.Equal("TOKEN_MISSING", body.ErrorCode());
            }
            Assert.Equal(stored, answers.Stored);
            Assert.Equal(hits, answers.Hits);
        }
        finally
        {
            f.DeleteData();
        }
    }

    [RedisTheory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_write_on_host_A_makes_host_Bs_next_answer_fresh(string database)
    {
        using var hosts = new TwoHosts(
            RedisTest.Settings(RedisTest.Require(), RedisTest.NewPrefix()), database);
        var answers = hosts.B.Services.GetRequiredService<AnswerCache>();
        var author = (await hosts.A.UsersAsync(1))[0];
        var video = (await hosts.A.VideosAsync(author, 1))[0];
        var (_, token) = await hosts.HttpA.RegisterAsync();
        const string counts = "{ feed(first: 5) { nodes { id favoriteCount } } }";

        await RawAsync(hosts.HttpB, counts);
        var hits = answers.Hits;
        await RawAsync(hosts.HttpB, counts);
        Assert.Equal(hits + 1, answers.Hits); // kept on B under the shared version

        Assert.Equal(0, (await hosts.HttpA.LikeAsync(token, video, 1)).Status());
        var fresh = JsonDocument.Parse(await RawAsync(hosts.HttpB, counts)).RootElement;
        Assert.Equal(1, fresh.GetProperty("data").GetProperty("feed").GetProperty("nodes")[0].GetProperty("favoriteCount").GetInt64());
    }

    [Fact]
    public async Task The_cache_is_off_with_zero_entries()
    {
        using var f = new TiktokFactory(settings: new() { ["Tiktok:GraphQL:AnswerCacheEntries"] = "0" });
        try
        {
            var http = f.CreateClient();
            var answers = f.Services.GetRequiredService<AnswerCache>();
            Assert.False(answers.Enabled);
            var author = (await f.UsersAsync(1))[0];
            await f.VideosAsync(author, 1);
            for (var i = 0; i < 3; i++) await RawAsync(http, Feed);
            Assert.Equal(0, answers.Hits);
            Assert.Equal(0, answers.Stored);
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Fact]
    public void Variables_keys_tell_values_of_different_types_apart()
    {
        static string? Key(object? value) => AnswerCache.VariablesKey(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["v"] = value })).Key;
        var keys = new[]
        {
            Key("1"), Key(1), Key(1.0), Key(true), Key("true"), Key(null), Key("null"), Key(new List<object?> { 1, 2 }),
            Key(new List<object?> { "1,2" }), Key(new Dictionary<string, object?> { ["a"] = 1 }), Key(new System.Numerics.BigInteger(long.MaxValue) * 4),
            Key(new System.Numerics.BigInteger(long.MaxValue) * 2),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.False(AnswerCache.VariablesKey(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["file"] = new object() })).Cacheable);
    }

    private static Task RenameAsync(TiktokFactory f, long user, string name) =>
        f.InScopeAsync(sp => sp.GetRequiredService<Writes>().RunAsync(async w =>
        {
            (await w.Db.Users.SingleAsync(u => u.Id == user, default)).Name = name;
            return true;
        }, default));

    private static async Task<string> RawAsync(HttpClient http, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.DoesNotContain("\"errors\"", text);
        return text;
    }
}
