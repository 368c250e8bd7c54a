using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Messages;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>Every query and mutation of /graphql through the real host, its errors and its limits, on SQLite and on PostgreSQL.</summary>
public abstract class GraphQLApiTests : IDisposable
{
    public sealed class Sqlite() : GraphQLApiTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : GraphQLApiTests(TestDatabases.Postgres);

    private readonly TiktokFactory _f;
    private readonly HttpClient _http;

    private GraphQLApiTests(string database)
    {
        _f = new TiktokFactory(database: database);
        _http = _f.CreateClient();
    }

    public void Dispose()
    {
        _f.Dispose();
        _f.DeleteData();
    }

    private async Task<(long Id, string Token)> RegisterAsync(string? name = null)
    {
        name ??= "g" + Guid.NewGuid().ToString("N")[..10];
        var data = await _http.DataAsync("mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token user { id name } } }",
            new { u = name, p = "secret123" });
        var user = data.GetProperty("register").GetProperty("user");
        Assert.Equal(name, user.GetProperty("name").GetString());
        return (long.Parse(user.GetProperty("id").GetString()!), data.GetProperty("register").GetProperty("token").GetString()!);
    }

    private async Task<long> PublishAsync(string token, string title = "clip")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent($$$"""{"query":"mutation($t: String!, $f: Upload!) { publishVideo(title: $t, file: $f) { id title playUrl coverUrl author { workCount } } }","variables":{"t":"{{{title}}}","f":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.f"]}"""), "map" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "sample.mp4"))), "0", "clip.mp4" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(!body.TryGetProperty("errors", out var errors), $"publish failed: {errors}");
        var video = body.GetProperty("data").GetProperty("publishVideo");
        Assert.Equal(title, video.GetProperty("title").GetString());
        Assert.StartsWith("http://", video.GetProperty("playUrl").GetString());
        return long.Parse(video.GetProperty("id").GetString()!);
    }

    [DatabaseFact]
    public async Task Sign_up_log_in_and_me()
    {
        var name = "g" + Guid.NewGuid().ToString("N")[..10];
        var (id, _) = await RegisterAsync(name);
        var login = await _http.DataAsync("mutation { login(username: \"" + name + "\", password: \"secret123\") { token user { id } } }");
        var token = login.GetProperty("login").GetProperty("token").GetString()!;
        var me = await _http.DataAsync("{ me { id name followCount isFollow } }", token: token);
        Assert.Equal(id.ToString(), me.GetProperty("me").GetProperty("id").GetString());
        var anonymous = await _http.DataAsync("{ me { id } }");
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("me").ValueKind);

        var (_, wrong) = await _http.GraphQLAsync("mutation { login(username: \"" + name + "\", password: \"nope-nope\") { token } }");
        Assert.Equal("WRONG_CREDENTIALS", wrong.ErrorCode());
        Assert.Equal(2004, wrong.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
    }

    [DatabaseFact]
    public async Task Publish_like_comment_follow_and_read_them_back()
    {
        var (authorId, author) = await RegisterAsync();
        var (fanId, fan) = await RegisterAsync();
        var video = await PublishAsync(author, "hello graphql");

        var liked = await _http.DataAsync($"mutation {{ likeVideo(videoId: {video}) {{ favoriteCount isFavorite }} }}", token: fan);
        Assert.Equal(1, liked.GetProperty("likeVideo").GetProperty("favoriteCount").GetInt64());
        await _http.DataAsync($"mutation {{ likeVideo(videoId: {video}) {{ favoriteCount }} }}", token: fan); // idempotent
        var comment = await _http.DataAsync($"mutation {{ addComment(videoId: {video}, content: \"<b>hi</b>\") {{ id content user {{ id }} }} }}", token: fan);
        Assert.Equal("<b>hi</b>", comment.GetProperty("addComment").GetProperty("content").GetString());
        var followed = await _http.DataAsync($"mutation {{ follow(userId: {authorId}) {{ followerCount isFollow }} }}", token: fan);
        Assert.Equal(1, followed.GetProperty("follow").GetProperty("followerCount").GetInt64());
        Assert.True(followed.GetProperty("follow").GetProperty("isFollow").GetBoolean());

        var view = await _http.DataAsync($$"""
            { video(id: {{video}}) { favoriteCount commentCount isFavorite author { id totalFavorited workCount isFollow }
                comments(first: 5) { nodes { content user { id } } } }
              user(id: {{fanId}}) { favoriteCount followCount likedVideos { nodes { id } } following { nodes { id } } }
              author: user(id: {{authorId}}) { followers { nodes { id } } videos { nodes { id } pageInfo { hasNextPage } } } }
            """, token: fan);
        var v = view.GetProperty("video");
        Assert.Equal(1, v.GetProperty("favoriteCount").GetInt64());
        Assert.Equal(1, v.GetProperty("commentCount").GetInt64());
        Assert.True(v.GetProperty("isFavorite").GetBoolean());
        Assert.Equal(1, v.GetProperty("author").GetProperty("totalFavorited").GetInt64());
        Assert.True(v.GetProperty("author").GetProperty("isFollow").GetBoolean());
        Assert.Single(v.GetProperty("comments").GetProperty("nodes").EnumerateArray());
        var u = view.GetProperty("user");
        Assert.Equal(1, u.GetProperty("favoriteCount").GetInt64());
        Assert.Equal(video.ToString(), u.GetProperty("likedVideos").GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal(authorId.ToString(), u.GetProperty("following").GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal(fanId.ToString(), view.GetProperty("author").GetProperty("followers").GetProperty("nodes")[0].GetProperty("id").GetString());

        var commentId = comment.GetProperty("addComment").GetProperty("id").GetString();
        var (_, notMine) = await _http.GraphQLAsync($"mutation {{ deleteComment(videoId: {video}, commentId: {commentId}) }}", token: author);
        Assert.Equal("NOT_COMMENT_AUTHOR", notMine.ErrorCode());
        await _http.DataAsync($"mutation {{ deleteComment(videoId: {video}, commentId: {commentId}) }}", token: fan);
        var unliked = await _http.DataAsync($"mutation {{ unlikeVideo(videoId: {video}) {{ favoriteCount commentCount }} }}", token: fan);
        Assert.Equal(0, unliked.GetProperty("unlikeVideo").GetProperty("favoriteCount").GetInt64());
        Assert.Equal(0, unliked.GetProperty("unlikeVideo").GetProperty("commentCount").GetInt64());
        var unfollowed = await _http.DataAsync($"mutation {{ unfollow(userId: {authorId}) {{ followerCount }} }}", token: fan);
        Assert.Equal(0, unfollowed.GetProperty("unfollow").GetProperty("followerCount").GetInt64());
    }

    [DatabaseFact]
    public async Task Feed_pages_with_cursors_never_repeat_or_skip()
    {
        var (authorId, author) = await RegisterAsync();
        var published = new List<long>();
        var videos = await _f.VideosAsync(authorId, 7);
        published.AddRange(videos);
        var seen = new List<long>();
        string? after = null;
        do
        {
            var page = (await _http.DataAsync("query($after: String) { feed(first: 3, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                new { after })).GetProperty("feed");
            seen.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => long.Parse(n.GetProperty("id").GetString()!)));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()
                ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        } while (after is not null);
        Assert.Equal(Enumerable.Reverse(published), seen);
    }

    [DatabaseFact]
    public async Task Friends_and_chat_history()
    {
        var (aId, a) = await RegisterAsync();
        var (bId, b) = await RegisterAsync();
        await _http.DataAsync($"mutation {{ follow(userId: {bId}) {{ id }} }}", token: a);
        await _http.DataAsync($"mutation {{ follow(userId: {aId}) {{ id }} }}", token: b);
        var sent = await _http.DataAsync($"mutation {{ sendMessage(toUserId: {bId}, content: \"hello b\") {{ id createTime fromUserId }} }}", token: a);
        var first = sent.GetProperty("sendMessage").GetProperty("createTime").GetInt64();
        await _http.DataAsync($"mutation {{ sendMessage(toUserId: {aId}, content: \"hello a\") {{ id }} }}", token: b);

        var all = await _http.DataAsync($"{{ chat(withUserId: {aId}) {{ content from {{ id }} }} }}", token: b);
        Assert.Equal(["hello b", "hello a"], all.GetProperty("chat").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        var after = await _http.DataAsync($"{{ chat(withUserId: {aId}, after: {first}) {{ content }} }}", token: b);
        Assert.Equal(["hello a"], after.GetProperty("chat").EnumerateArray().Select(m => m.GetProperty("content").GetString()));

        var friends = await _http.DataAsync("{ me { friends { user { id } lastMessage lastMessageSentByViewer } } }", token: a);
        var friend = Assert.Single(friends.GetProperty("me").GetProperty("friends").EnumerateArray());
        Assert.Equal("hello a", friend.GetProperty("lastMessage").GetString());
        Assert.False(friend.GetProperty("lastMessageSentByViewer").GetBoolean());

        var (_, anonymous) = await _http.GraphQLAsync($"{{ chat(withUserId: {aId}) {{ id }} }}");
        Assert.Equal("TOKEN_MISSING", anonymous.ErrorCode());
    }

    [DatabaseFact]
    public async Task Mutations_need_a_token_and_refusals_carry_the_catalogue_codes()
    {
        var (_, token) = await RegisterAsync();
        var (_, noToken) = await _http.GraphQLAsync("mutation { likeVideo(videoId: 1) { id } }");
        Assert.Equal("TOKEN_MISSING", noToken.ErrorCode());
        var (_, missing) = await _http.GraphQLAsync("mutation { likeVideo(videoId: 424242) { id } }", token: token);
        Assert.Equal("VIDEO_NOT_FOUND", missing.ErrorCode());
        Assert.Equal(3002, missing.GetProperty("errors")[0].GetProperty("extensions").GetProperty("status_code").GetInt32());
        var (_, badId) = await _http.GraphQLAsync("{ user(id: \"abc\") { id } }");
        Assert.Equal("NOT_A_NUMBER", badId.ErrorCode());

        var (status, altered) = await _http.GraphQLAsync("{ me { id } }", token: token[..^3] + "xyz");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("TOKEN_INVALID", altered.ErrorCode());
    }

    [DatabaseFact]
    public async Task Transport_follows_graphql_over_http()
    {
        // GET runs queries...
        using var getRequest = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ feed { nodes { id } } }"));
        getRequest.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var get = await _http.SendAsync(getRequest);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/graphql-response+json", get.Content.Headers.ContentType!.MediaType);
        // No Accept, or */*: application/json, as GraphQL over HTTP says servers SHOULD.
        using var bare = await _http.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ feed { nodes { id } } }"));
        Assert.Equal("application/json", bare.Content.Headers.ContentType!.MediaType);
        // ...but never mutations.
        using var getMutation = await _http.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { likeVideo(videoId: 1) { id } }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getMutation.StatusCode);
        // A document that cannot run is a 400 with graphql-response+json...
        var (status, _) = await _http.GraphQLAsync("{ feed { nodes { id ");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        // ...and a 200 for a client that accepts only application/json.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ nope }\"}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        using var json = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        // Other bodies are refused.
        using var text = await _http.PostAsync("/graphql", new StringContent("{ feed { nodes { id } } }"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [DatabaseFact]
    public async Task Depth_complexity_page_size_and_request_size_are_limited()
    {
        var level = "followers(first: 1) { nodes { ";
        var deep = "{ feed(first: 1) { nodes { author { " + string.Concat(Enumerable.Repeat(level, 6)) + "id" + new string('}', 6 * 2 + 4);
        var (deepStatus, deepBody) = await _http.GraphQLAsync(deep);
        Assert.Equal(HttpStatusCode.BadRequest, deepStatus);
        Assert.Contains("depth", deepBody.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        var wide = "{ feed(first: 30) { nodes { comments(first: 50) { nodes { user { videos(first: 50) { nodes { comments(first: 50) { nodes { id } } } } } } } } } }";
        var (wideStatus, wideBody) = await _http.GraphQLAsync(wide);
        Assert.Equal(HttpStatusCode.BadRequest, wideStatus);
        Assert.Contains("complexity", wideBody.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        var (_, tooMany) = await _http.GraphQLAsync("{ feed(first: 31) { nodes { id } } }");
        Assert.Equal("OUT_OF_RANGE", tooMany.ErrorCode());

        var (hugeStatus, huge) = await _http.GraphQLAsync("{ feed { nodes { id } } }" + new string(' ', 40_000) + "#");
        Assert.Equal(HttpStatusCode.BadRequest, hugeStatus);
        Assert.Equal("TOO_LONG", huge.ErrorCode());
    }
}
