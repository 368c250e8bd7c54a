using System.Buffers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Schema;
using Tiktok.Schema.Http;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>The speed-ups of the GraphQL feed give the same answers as the paths they replace.</summary>
public sealed class GraphQLFastPathTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_newest_comments_of_many_videos_in_one_command_are_each_videos_own_newest(string database)
    {
        using var f = new TiktokFactory(database: database);
        try
        {
            var author = (await f.UsersAsync(1))[0];
            var commenters = await f.UsersAsync(3);
            var videos = await f.VideosAsync(author, 4);
            // 0, 1, 4 and 7 comments, interleaved across videos so ids are not contiguous per video.
            var wanted = new[] { 0, 1, 4, 7 };
            for (var round = 0; round < 7; round++)
                for (var v = 0; v < videos.Count; v++)
                    if (round < wanted[v])
                        await f.InScopeAsync(sp => sp.GetRequiredService<Comments>()
                            .AddAsync(commenters[round % 3], videos[v], $"c{round} <ü> & \"q\"", default));

            foreach (var count in new[] { 1, 3, 4, 10 })
            {
                var batched = await f.InScopeAsync(sp => sp.GetRequiredService<Comments>()
                    .NewestOfVideosAsync([.. videos, videos[2], 999_999], count, null, default));
                Assert.Equal([.. videos, 999_999], batched.Keys.Order());
                Assert.Empty(batched[999_999]);
                foreach (var video in videos)
                {
                    var single = await f.InScopeAsync(sp => sp.GetRequiredService<Comments>()
                        .OfVideoAsync(video, null, null, count, default));
                    Assert.Equal(single.Select(c => (c.Id, c.User.Id, c.Content, c.CreatedAt)),
                        batched[video].Select(c => (c.Id, c.User.Id, c.Content, c.CreatedAt)));
                }
            }
        }
        finally
        {
            f.DeleteData();
        }
    }

    [Fact]
    public async Task The_response_writer_writes_the_bytes_of_GraphQL_NETs_serializer()
    {
        using var f = new TiktokFactory();
        try
        {
            var http = f.CreateClient();
            var (viewer, token) = await http.RegisterAsync();
            var author = (await f.UsersAsync(1))[0];
            var videos = await f.VideosAsync(author, 2);
            await f.InScopeAsync(sp => sp.GetRequiredService<Comments>().AddAsync(viewer, videos[0], "<b>ünïcødé</b> & \"quotes\" \u2028 😀", default));
            const string query = """
                { Feed: feed(first: 5) { nodes { ID: id title isFavorite favoriteCount
                    author { name Avatar: avatar videos(first: 1) { nodes { id } } }
                    comments(first: 2) { nodes { content createdAt user { id isFollow } } pageInfo { hasNextPage endCursor } } }
                  pageInfo { hasNextPage endCursor } }
                  missing: video(id: "999999") { id } me { id name } __typename }
                """;

            // The same execution result through both writers.
            var result = await f.InScopeAsync(async sp => await sp.GetRequiredService<IDocumentExecuter<TiktokSchema>>().ExecuteAsync(new ExecutionOptions
            {
                Query = query,
                RequestServices = sp,
                UserContext = new GraphQLUserContext { ViewerId = viewer, RequestBase = "http://localhost" },
            }));
            Assert.True(GraphQLResponseWriter.Takes(result));
            var expected = f.Services.GetRequiredService<IGraphQLTextSerializer>().Serialize(result);
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            {
                json.WriteStartObject();
                json.WritePropertyName("data");
                GraphQLResponseWriter.WriteNode(json, (global::GraphQL.Execution.ExecutionNode)result.Data!);
                json.WriteEndObject();
            }
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
            var content = JsonDocument.Parse(expected).RootElement.GetProperty("data").GetProperty("Feed").GetProperty("nodes")
                .EnumerateArray().SelectMany(v => v.GetProperty("comments").GetProperty("nodes").EnumerateArray()).Single().GetProperty("content");
            Assert.Equal("<b>ünïcødé</b> & \"quotes\" \u2028 😀", content.GetString());

            // Over HTTP: answers with errors still come from GraphQL.NET's serializer, with their errors.
            var refused = await http.PostAsJsonAsync("/graphql", new { query = "{ feed(first: 5) { nodes { nope } } }" });
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(body.TryGetProperty("errors", out _));
        }
        finally
        {
            f.DeleteData();
        }
    }
}
