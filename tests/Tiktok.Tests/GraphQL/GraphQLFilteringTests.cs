using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Data;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>
/// <c>where</c>, <c>order</c> and projection on the lists that have them, on SQLite and PostgreSQL:
/// each operator against the same rule applied to the seeded rows, every order paged through to
/// the end (ties included), cursors refused under another order, limits refused by argument name,
/// and the SQL showing that the database does the filtering and reads only what was asked.
/// </summary>
public abstract class GraphQLFilteringTests : IAsyncLifetime
{
    public sealed class Sqlite() : GraphQLFilteringTests(TestDatabases.Sqlite);

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres() : GraphQLFilteringTests(TestDatabases.Postgres);

    private readonly TiktokFactory _f;
    private readonly HttpClient _http;
    private long _author, _liker;
    private List<Video> _videos = [];
    private List<Comment> _comments = [];
    private List<User> _followers = [];
    private readonly Dictionary<long, long> _likedAt = [];
    private long _video;

    private GraphQLFilteringTests(string database)
    {
        // The cache off: the rows are written around the domain, and the SQL is what is measured.
        _f = new TiktokFactory(database: database, settings: new() { ["Tiktok:Cache:Enabled"] = "false" });
        _http = _f.CreateClient();
    }

    private static readonly string[] Titles =
        ["Cat one", "cat two", "CAT three", "Dog 100%", "dog_5", "dogX5", "Bird", "bird song", "Fish", "fish 100", "Owl", "owl%"];

    public async Task InitializeAsync()
    {
        await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            User NewUser(string prefix, long followers = 0, long works = 0) => new()
            {
                Name = prefix + Guid.NewGuid().ToString("N")[..12],
                PasswordHash = "x",
                CreatedAt = Seed.NextTime(),
                FollowerCount = followers,
                WorkCount = works,
            };
            var author = NewUser("author");
            var liker = NewUser("liker");
            db.Users.AddRange(author, liker);
            await db.SaveChangesAsync();
            _author = author.Id;
            _liker = liker.Id;
            // Likes and comments with ties: 3 videos at 5 likes, 3 at 2, 2 at 0...
            long[] likes = [5, 2, 5, 0, 9, 2, 5, 0, 7, 2, 1, 9];
            long[] comments = [1, 1, 0, 3, 1, 0, 3, 3, 1, 0, 2, 1];
            _videos = Titles.Select((t, i) => new Video
            {
                AuthorId = _author,
                Title = t,
                PlayKey = "videos/test/clip.mp4",
                CoverKey = MediaKeys.PlaceholderCover,
                LikeCount = likes[i],
                CommentCount = comments[i],
                CreatedAt = Seed.NextTime(),
            }).ToList();
            db.Videos.AddRange(_videos);
            await db.SaveChangesAsync();
            // The liker liked every other video, in an order unlike the publish order; two at the same time.
            var likeTime = Seed.NextTime();
            foreach (var (v, i) in _videos.Select((v, i) => (v, i)).Where(p => p.i % 2 == 0).Reverse())
            {
                var at = i == 4 ? likeTime : likeTime += 3;
                _likedAt[v.Id] = at;
                db.Likes.Add(new Like { UserId = _liker, VideoId = v.Id, CreatedAt = at });
            }
            _video = _videos[0].Id;
            var commentTime = Seed.NextTime();
            string[] texts = ["first!", "nice cat", "Nice CAT", "50% off", "a_b", "axb", "nice", "meh", "cat cat", "ok"];
            _comments = texts.Select((t, i) => new Comment
            {
                VideoId = _video,
                UserId = _liker,
                Content = t,
                CreatedAt = i % 3 == 0 ? commentTime : commentTime += 5,
            }).ToList();
            db.Comments.AddRange(_comments);
            _followers = Enumerable.Range(0, 9).Select(i => NewUser(i % 2 == 0 ? "fan" : "Critic", followers: i % 3, works: i)).ToList();
            db.Users.AddRange(_followers);
            await db.SaveChangesAsync();
            var followTime = Seed.NextTime();
            foreach (var u in _followers) db.Follows.Add(new Follow { FollowerId = u.Id, FolloweeId = _author, CreatedAt = followTime += 2 });
            await db.SaveChangesAsync();
            return 0;
        });
    }

    public Task DisposeAsync()
    {
        _f.Dispose();
        _f.DeleteData();
        return Task.CompletedTask;
    }

    // ----- operators, one at a time and combined -----

    public static IEnumerable<(string Where, Func<Video, bool> Rule)> VideoFilters() =>
    [
        ("""{ title: { eq: "Bird" } }""", v => v.Title == "Bird"),
        ("""{ title: { neq: "Bird" } }""", v => v.Title != "Bird"),
        ("""{ title: { in: ["Fish", "Owl", "nope"] } }""", v => v.Title is "Fish" or "Owl"),
        ("""{ title: { in: [] } }""", _ => false),
        ("""{ title: { contains: "cat" } }""", v => v.Title.Contains("cat", StringComparison.Ordinal)),
        ("""{ title: { contains: "CAT" } }""", v => v.Title.Contains("CAT", StringComparison.Ordinal)),
        ("""{ title: { contains: "100%" } }""", v => v.Title.Contains("100%", StringComparison.Ordinal)),
        ("""{ title: { contains: "%" } }""", v => v.Title.Contains('%')),
        ("""{ title: { contains: "_" } }""", v => v.Title.Contains('_')),
        ("""{ title: { contains: "g_5" } }""", v => v.Title.Contains("g_5", StringComparison.Ordinal)),
        ("""{ favoriteCount: { eq: 5 } }""", v => v.LikeCount == 5),
        ("""{ favoriteCount: { neq: 5 } }""", v => v.LikeCount != 5),
        ("""{ favoriteCount: { in: [0, 9] } }""", v => v.LikeCount is 0 or 9),
        ("""{ favoriteCount: { gt: 2 } }""", v => v.LikeCount > 2),
        ("""{ favoriteCount: { gte: 2 } }""", v => v.LikeCount >= 2),
        ("""{ favoriteCount: { lt: 2 } }""", v => v.LikeCount < 2),
        ("""{ favoriteCount: { lte: 2, gt: 0 } }""", v => v.LikeCount is <= 2 and > 0),
        ("""{ commentCount: { gte: 3 } }""", v => v.CommentCount >= 3),
        ("""{ title: { contains: "o" }, commentCount: { eq: 1 } }""", v => v.Title.Contains('o') && v.CommentCount == 1),
        ("""{ or: [{ favoriteCount: { eq: 9 } }, { title: { contains: "ish" } }] }""", v => v.LikeCount == 9 || v.Title.Contains("ish")),
        ("""{ and: [{ favoriteCount: { gt: 0 } }, { favoriteCount: { lt: 9 } }], or: [{ commentCount: { eq: 0 } }, { commentCount: { eq: 3 } }] }""",
            v => v.LikeCount is > 0 and < 9 && v.CommentCount is 0 or 3),
        ("""{ or: [{ and: [{ title: { contains: "d" } }, { or: [{ favoriteCount: { eq: 0 } }, { commentCount: { eq: 0 } }] }] }, { title: { eq: "Owl" } }] }""",
            v => (v.Title.Contains('d') && (v.LikeCount == 0 || v.CommentCount == 0)) || v.Title == "Owl"),
    ];

    [DatabaseFact]
    public async Task Each_operator_and_their_combinations_keep_exactly_the_matching_videos()
    {
        foreach (var (where, rule) in VideoFilters())
        {
            var expected = _videos.Where(rule).OrderByDescending(v => v.CreatedAt).Select(v => v.Id).ToList();
            var got = await PageAllAsync($"user(id: {_author})", "videos", $"where: {where}");
            Assert.True(expected.SequenceEqual(got), $"where {where}: expected [{string.Join(",", expected)}], got [{string.Join(",", got)}]");
        }
    }

    [DatabaseFact]
    public async Task Publish_time_bounds_select_a_window()
    {
        var from = _videos[3].CreatedAt;
        var to = _videos[8].CreatedAt;
        var got = await PageAllAsync($"user(id: {_author})", "videos", $"where: {{ publishedAt: {{ gte: {from}, lt: {to} }} }}");
        Assert.Equal(_videos.Skip(3).Take(5).Select(v => v.Id).Reverse(), got);
    }

    // ----- every order, paged to the end -----

    public static IEnumerable<(string Order, Func<IEnumerable<Video>, IOrderedEnumerable<Video>> Sort)> VideoOrders() =>
    [
        ("[{ publishedAt: ASC }]", vs => vs.OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)),
        ("[{ publishedAt: DESC }]", vs => vs.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)),
        ("[{ favoriteCount: DESC }]", vs => vs.OrderByDescending(v => v.LikeCount).ThenByDescending(v => v.Id)),
        ("[{ favoriteCount: ASC }]", vs => vs.OrderBy(v => v.LikeCount).ThenBy(v => v.Id)),
        ("[{ commentCount: DESC }]", vs => vs.OrderByDescending(v => v.CommentCount).ThenByDescending(v => v.Id)),
        ("[{ commentCount: ASC }, { favoriteCount: DESC }]", vs => vs.OrderBy(v => v.CommentCount).ThenByDescending(v => v.LikeCount).ThenByDescending(v => v.Id)),
        ("[{ favoriteCount: DESC }, { publishedAt: ASC }]", vs => vs.OrderByDescending(v => v.LikeCount).ThenBy(v => v.CreatedAt).ThenBy(v => v.Id)),
    ];

    [DatabaseFact]
    public async Task Each_order_pages_through_every_video_once_ties_included()
    {
        foreach (var (order, sort) in VideoOrders())
        {
            foreach (var pageSize in new[] { 1, 2, 5 })
            {
                var expected = sort(_videos).Select(v => v.Id).ToList();
                var got = await PageAllAsync($"user(id: {_author})", "videos", $"order: {order}", pageSize);
                Assert.True(expected.SequenceEqual(got), $"order {order}, pages of {pageSize}: expected [{string.Join(",", expected)}], got [{string.Join(",", got)}]");
            }
        }
        // Filter and order together.
        var filtered = await PageAllAsync($"user(id: {_author})", "videos", "where: { favoriteCount: { gt: 0 } }, order: [{ favoriteCount: ASC }]", 2);
        Assert.Equal(_videos.Where(v => v.LikeCount > 0).OrderBy(v => v.LikeCount).ThenBy(v => v.Id).Select(v => v.Id), filtered);
    }

    [DatabaseFact]
    public async Task Liked_videos_filter_and_order_by_the_video_and_default_to_the_like_time()
    {
        var liked = _videos.Where(v => _likedAt.ContainsKey(v.Id)).ToList();
        var byLikeTime = await PageAllAsync($"user(id: {_liker})", "likedVideos", "", 2);
        Assert.Equal(liked.OrderByDescending(v => _likedAt[v.Id]).ThenByDescending(v => v.Id).Select(v => v.Id), byLikeTime);
        var ordered = await PageAllAsync($"user(id: {_liker})", "likedVideos", "where: { title: { contains: \"i\" } }, order: [{ favoriteCount: DESC }]", 1);
        Assert.Equal(liked.Where(v => v.Title.Contains('i')).OrderByDescending(v => v.LikeCount).ThenByDescending(v => v.Id).Select(v => v.Id), ordered);
    }

    [DatabaseFact]
    public async Task Comments_filter_by_content_and_time_and_order_by_time()
    {
        var video = $"video(id: {_video})";
        Assert.Equal(_comments.Where(c => c.Content.Contains("cat")).OrderByDescending(c => c.Id).Select(c => c.Id),
            await PageAllAsync(video, "comments", "where: { content: { contains: \"cat\" } }", 2));
        Assert.Equal(_comments.Where(c => c.Content.Contains('_')).Select(c => c.Id),
            await PageAllAsync(video, "comments", "where: { content: { contains: \"_\" } }"));
        var at = _comments[4].CreatedAt;
        Assert.Equal(_comments.Where(c => c.CreatedAt <= at).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id),
            await PageAllAsync(video, "comments", $"where: {{ createdAt: {{ lte: {at} }} }}, order: [{{ createdAt: ASC }}]", 2));
        Assert.Equal(_comments.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id),
            await PageAllAsync(video, "comments", "order: [{ createdAt: DESC }]", 3));
        Assert.Equal(_comments.OrderByDescending(c => c.Id).Select(c => c.Id), await PageAllAsync(video, "comments", "", 4));
    }

    [DatabaseFact]
    public async Task Followers_filter_by_name_and_counts_and_order_by_counts()
    {
        var author = $"user(id: {_author})";
        Assert.Equal(_followers.Where(u => u.Name.StartsWith("Critic")).OrderByDescending(u => u.Id).Select(u => u.Id),
            await PageAllAsync(author, "followers", "where: { name: { contains: \"Critic\" } }", 2));
        Assert.Equal(_followers.OrderByDescending(u => u.FollowerCount).ThenBy(u => u.WorkCount).ThenBy(u => u.Id).Select(u => u.Id),
            await PageAllAsync(author, "followers", "order: [{ followerCount: DESC }, { workCount: ASC }]", 2));
        Assert.Equal(_followers.Where(u => u.WorkCount >= 4).OrderBy(u => u.FollowerCount).ThenBy(u => u.Id).Select(u => u.Id),
            await PageAllAsync(author, "followers", "where: { workCount: { gte: 4 } }, order: [{ followerCount: ASC }]", 3));
        var liker = $"user(id: {_liker})";
        Assert.Empty(await PageAllAsync(liker, "following", "where: { name: { eq: \"nobody\" } }"));
    }

    // ----- cursors -----

    [DatabaseFact]
    public async Task A_cursor_of_one_order_is_refused_under_another_naming_after()
    {
        var first = await _http.DataAsync($"{{ user(id: {_author}) {{ videos(first: 2, order: [{{ favoriteCount: DESC }}]) {{ pageInfo {{ endCursor }} }} }} }}");
        var cursor = first.GetProperty("user").GetProperty("videos").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        foreach (var other in new[] { "", ", order: [{ favoriteCount: ASC }]", ", order: [{ commentCount: DESC }]", ", order: [{ favoriteCount: DESC }, { publishedAt: ASC }]" })
        {
            var (_, body) = await _http.GraphQLAsync($"query($a: String) {{ user(id: {_author}) {{ videos(first: 2, after: $a{other}) {{ nodes {{ id }} }} }} }}", new { a = cursor });
            Assert.Equal("INVALID_VALUE", body.ErrorCode());
            Assert.Contains("'after'", body.GetProperty("errors")[0].GetProperty("message").GetString());
            Assert.Contains("another order", body.GetProperty("errors")[0].GetProperty("message").GetString());
        }
        // Same order, another filter: still a position in that order.
        await _http.DataAsync($"query($a: String) {{ user(id: {_author}) {{ videos(first: 2, after: $a, where: {{ commentCount: {{ gt: 0 }} }}, order: [{{ favoriteCount: DESC }}]) {{ nodes {{ id }} }} }} }}", new { a = cursor });
        // Another list's cursor.
        var (_, wrongList) = await _http.GraphQLAsync($"query($a: String) {{ user(id: {_author}) {{ followers(after: $a, order: [{{ followerCount: DESC }}]) {{ nodes {{ id }} }} }} }}", new { a = cursor });
        Assert.Equal("INVALID_VALUE", wrongList.ErrorCode());
        Assert.Contains("not a cursor of this list", wrongList.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    // ----- limits -----

    public static IEnumerable<(string Arguments, string Code, string Names)> OverLimits() =>
    [
        ($"where: {{ title: {{ in: [{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"t{i}\""))}] }} }}", "OUT_OF_RANGE", "'where.title.in'"),
        ($"where: {{ favoriteCount: {{ in: [{string.Join(",", Enumerable.Range(0, 51))}] }} }}", "OUT_OF_RANGE", "'where.favoriteCount.in'"),
        ($"where: {{ title: {{ contains: \"{new string('x', 101)}\" }} }}", "TOO_LONG", "'where.title.contains'"),
        ($"where: {{ title: {{ in: [\"ok\", \"{new string('x', 101)}\"] }} }}", "TOO_LONG", "'where.title.in[1]'"),
        ("where: { or: [{ and: [{ or: [{ and: [{ title: { eq: \"x\" } }] }] }] }] }", "OUT_OF_RANGE", "'where.or[0].and[0].or[0].and'"),
        ($"where: {{ and: [{string.Join(",", Enumerable.Range(0, 21).Select(i => $"{{ favoriteCount: {{ neq: {i} }} }}"))}] }}", "OUT_OF_RANGE", "'where.and[20].favoriteCount.neq'"),
        ("order: [{ favoriteCount: DESC }, { commentCount: DESC }, { publishedAt: DESC }]", "OUT_OF_RANGE", "'order'"),
        ("order: [{ favoriteCount: DESC, commentCount: ASC }]", "INVALID_VALUE", "'order[0]'"),
        ("order: [{}]", "INVALID_VALUE", "'order[0]'"),
    ];

    [DatabaseFact]
    public async Task Filters_and_orders_over_a_limit_are_refused_naming_the_argument()
    {
        foreach (var (arguments, code, names) in OverLimits())
        {
            var (_, body) = await _http.GraphQLAsync($"{{ user(id: {_author}) {{ videos({arguments}) {{ nodes {{ id }} }} }} }}");
            Assert.True(body.TryGetProperty("errors", out var errors), $"{arguments} was accepted");
            Assert.Equal(code, body.ErrorCode());
            Assert.Contains(names, errors[0].GetProperty("message").GetString());
        }
        // Within the limits: 50 values, 100 characters, 3 levels.
        await _http.DataAsync($"{{ user(id: {_author}) {{ videos(where: {{ favoriteCount: {{ in: [{string.Join(",", Enumerable.Range(0, 50))}] }}, title: {{ contains: \"{new string('x', 100)}\" }}, or: [{{ and: [{{ or: [{{ title: {{ eq: \"x\" }} }}] }}] }}] }}) {{ nodes {{ id }} }} }} }}");
    }

    // ----- in the database, and only what was asked -----

    [DatabaseFact]
    public async Task Filtering_and_ordering_happen_in_the_sql()
    {
        JsonElement data = default;
        await _f.Commands.CountAsync(async () => data = await _http.DataAsync(
            $"{{ user(id: {_author}) {{ videos(first: 2, where: {{ title: {{ contains: \"ish\" }}, favoriteCount: {{ gte: 1 }} }}, order: [{{ commentCount: ASC }}]) {{ nodes {{ id }} }} }} }}"));
        var page = _f.Commands.Texts.Last(t => Reads(t, "videos") && t.Contains("ORDER BY"));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(page, "(instr|strpos)\\(|LIKE"), page);
        Assert.Contains("\"FavoriteCount\" >=", page);
        Assert.Contains("ORDER BY", page);
        Assert.Matches("LIMIT", page);
        Assert.DoesNotContain("'ish'", page); // operands are parameters, not SQL text
        Assert.Equal(2, data.GetProperty("user").GetProperty("videos").GetProperty("nodes").GetArrayLength());
    }

    [DatabaseFact]
    public async Task A_video_list_asking_for_id_and_title_reads_no_other_column_nor_the_author()
    {
        var before = _f.Commands.Texts.Count;
        var commands = await _f.Commands.CountAsync(() => _http.DataAsync(
            $"{{ user(id: {_author}) {{ videos(first: 5, order: [{{ publishedAt: ASC }}]) {{ nodes {{ id title }} }} }} }}"));
        var texts = _f.Commands.Texts.Skip(before).ToList();
        // user(id:) itself, the list's check that the user exists, the page: no query for the videos' author.
        Assert.True(commands == 3, $"expected the user, the existence check and one page query, got:\n{string.Join("\n---\n", texts)}");
        var page = Selected(texts.Single(t => Reads(t, "videos")));
        Assert.Contains("\"Title\"", page);
        foreach (var column in new[] { "\"PlayKey\"", "\"CoverKey\"", "\"FavoriteCount\"", "\"CommentCount\"", "\"AuthorId\"" })
            Assert.DoesNotContain(column, page);

        // Asking for more reads more: the media keys, the counts, the author (one more query).
        before = _f.Commands.Texts.Count;
        var full = await _f.Commands.CountAsync(() => _http.DataAsync(
            $"{{ user(id: {_author}) {{ videos(first: 5, order: [{{ publishedAt: ASC }}]) {{ edges {{ node {{ ...V }} }} }} }} }} fragment V on Video {{ playUrl favoriteCount author {{ name }} }}"));
        texts = _f.Commands.Texts.Skip(before).ToList();
        page = Selected(texts.Single(t => Reads(t, "videos")));
        foreach (var column in new[] { "\"PlayKey\"", "\"CoverKey\"", "\"FavoriteCount\"", "\"AuthorId\"" }) Assert.Contains(column, page);
        Assert.DoesNotContain("\"Title\"", page);
        Assert.Equal(4, full);

        // The same list selected twice under one name: both selections are merged, both projected.
        var merged = await _http.DataAsync($$"""
            { user(id: {{_author}}) { videos(first: 1, order: [{ publishedAt: ASC }]) { nodes { id } }
                                      videos(first: 1, order: [{ publishedAt: ASC }]) { nodes { title } ...C } } }
            fragment C on VideoConnection { edges { node { favoriteCount } } }
            """);
        var node = merged.GetProperty("user").GetProperty("videos").GetProperty("nodes")[0];
        Assert.Equal(_videos[0].Title, node.GetProperty("title").GetString());
        var edge = merged.GetProperty("user").GetProperty("videos").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal(_videos[0].LikeCount, edge.GetProperty("favoriteCount").GetInt64());
    }

    [DatabaseFact]
    public async Task Comments_asked_without_their_user_read_no_user()
    {
        var before = _f.Commands.Texts.Count;
        var data = default(JsonElement);
        var commands = await _f.Commands.CountAsync(async () => data = await _http.DataAsync(
            $"{{ video(id: {_video}) {{ comments(first: 3, order: [{{ createdAt: ASC }}]) {{ nodes {{ id content }} }} }} }}"));
        var texts = _f.Commands.Texts.Skip(before).ToList();
        // The video (and its author, for the Video object) are read first; after the comments' page, no user.
        var page = texts.FindIndex(t => Reads(t, "comments"));
        Assert.True(page >= 0);
        Assert.DoesNotContain(texts.Skip(page), t => Reads(t, "users"));
        Assert.Equal(3, data.GetProperty("video").GetProperty("comments").GetProperty("nodes").GetArrayLength());
    }

    // ----- helpers -----

    /// <summary>The column list of a SELECT.</summary>
    private static string Selected(string sql) => sql[..sql.IndexOf("FROM", StringComparison.Ordinal)];

    private static bool Reads(string sql, string table) => System.Text.RegularExpressions.Regex.IsMatch(sql, $"FROM \"?{table}\"? AS");

    /// <summary>Every page of <c>parent { list(first, after, arguments) }</c>, following endCursor to the end: the ids in order.</summary>
    private async Task<List<long>> PageAllAsync(string parent, string list, string arguments, int first = 3)
    {
        var ids = new List<long>();
        string? after = null;
        var rootField = parent[..parent.IndexOf('(')];
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 100, "paging does not end");
            var args = arguments.Length == 0 ? "" : ", " + arguments;
            var data = await _http.DataAsync($"query($a: String) {{ {parent} {{ {list}(first: {first}, after: $a{args}) {{ edges {{ cursor node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }} }}",
                new { a = after });
            var connection = data.GetProperty(rootField).GetProperty(list);
            var edges = connection.GetProperty("edges").EnumerateArray().ToList();
            ids.AddRange(edges.Select(e => long.Parse(e.GetProperty("node").GetProperty("id").GetString()!)));
            var info = connection.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean()) break;
            Assert.Equal(first, edges.Count);
            after = info.GetProperty("endCursor").GetString();
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), after);
        }
        Assert.True(ids.Distinct().Count() == ids.Count, $"a row came twice: [{string.Join(",", ids)}]");
        return ids;
    }
}

/// <summary>The cost rules count <c>where</c> and <c>order</c>, times the lists they sit in.</summary>
public sealed class GraphQLFilteringCostTests
{
    [Fact]
    public async Task Where_and_order_add_their_surcharge_to_the_estimated_cost_for_every_parent()
    {
        using var f = new TiktokFactory(settings: new() { ["Tiktok:GraphQL:MaxComplexity"] = "1" });
        var http = f.CreateClient();
        async Task<double> CostAsync(string arguments)
        {
            var (_, body) = await http.GraphQLAsync($"{{ feed(first: 5) {{ nodes {{ author {{ videos(first: 2{arguments}) {{ nodes {{ id }} }} }} }} }} }}");
            var message = body.GetProperty("errors")[0].GetProperty("message").GetString()!;
            var match = System.Text.RegularExpressions.Regex.Match(message, @"[Cc]omplexity is (\d+(\.\d+)?)");
            Assert.True(match.Success, message);
            return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        var plain = await CostAsync("");
        var where = await CostAsync(", where: { favoriteCount: { gt: 1 } }");
        var both = await CostAsync(", where: { favoriteCount: { gt: 1 } }, order: [{ favoriteCount: DESC }]");
        Assert.Equal(5 * Tiktok.Schema.SchemaServices.WhereSurcharge, where - plain);
        Assert.Equal(5 * (Tiktok.Schema.SchemaServices.WhereSurcharge + Tiktok.Schema.SchemaServices.OrderSurcharge), both - plain);
        f.DeleteData();
    }
}
