using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Moderation;
using Tiktok.Server.Hosting;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>
/// Reports through GraphQL: any user reports (idempotently), operators named in
/// <c>Tiktok:Moderation:Operators</c> list, dismiss and remove, everyone else is refused and changes
/// nothing; on SQLite and PostgreSQL.
/// </summary>
public sealed class ModerationTests : IDisposable
{
    private const string Report = "mutation($t: ReportTarget!, $id: ID!, $r: ReportReason!, $n: String) { report(target: $t, id: $id, reason: $r, note: $n) { id target targetId reason note state } }";
    private const string Open = "query($after: String) { openReports(first: 2, after: $after) { nodes { id target targetId reason state } pageInfo { hasNextPage endCursor } } }";
    private const string Remove = "mutation($id: ID!) { removeReportedContent(reportId: $id) { id state } }";
    private const string Dismiss = "mutation($id: ID!) { dismissReport(reportId: $id) { id state } }";
    private TiktokFactory _f = null!;

    public void Dispose()
    {
        _f?.Dispose();
        _f?.DeleteData();
    }

    private async Task<(HttpClient Http, string Operator)> InitAsync(string database)
    {
        // The operator is named by name; a second entry names an id that does not exist.
        var name = "mod" + Guid.NewGuid().ToString("N")[..8];
        _f = new TiktokFactory(database: database, settings: new()
        {
            ["Tiktok:Moderation:Operators:0"] = name,
            ["Tiktok:Moderation:Operators:1"] = "999999999",
        });
        var http = _f.CreateClient();
        var (_, token) = await http.RegisterAsync(name);
        return (http, token);
    }

    private static async Task<long> VideoAsync(TiktokFactory f, long author) => (await f.VideosAsync(author, 1))[0];

    private static string Id(JsonElement report) => report.GetProperty("id").GetString()!;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_report_is_open_once_per_reporter_and_target_and_only_operators_see_the_list(string database)
    {
        var (http, op) = await InitAsync(database);
        var (author, authorToken) = await http.RegisterAsync();
        var (_, reporter) = await http.RegisterAsync();
        var video = await VideoAsync(_f, author);

        var first = (await http.DataAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "SPAM", n = "buy now" }, reporter)).GetProperty("report");
        var again = (await http.DataAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "HATE" }, reporter)).GetProperty("report");
        Assert.Equal(Id(first), Id(again));
        Assert.Equal(("VIDEO", "SPAM", "buy now", "OPEN"), (first.GetProperty("target").GetString(), first.GetProperty("reason").GetString(),
            first.GetProperty("note").GetString(), first.GetProperty("state").GetString()));
        await http.DataAsync(Report, new { t = "USER", id = author.ToString(), r = "HARASSMENT" }, reporter);
        await http.DataAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "SELF_HARM" }, authorToken);
        Assert.Equal(3, await _f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Reports.CountAsync()));

        // Refusals: anonymous, unknown targets, a note too long.
        Assert.Equal("TOKEN_MISSING", (await http.GraphQLAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "SPAM" })).Body.ErrorCode());
        Assert.Equal("VIDEO_NOT_FOUND", (await http.GraphQLAsync(Report, new { t = "VIDEO", id = "987654", r = "SPAM" }, reporter)).Body.ErrorCode());
        Assert.Equal("COMMENT_NOT_FOUND", (await http.GraphQLAsync(Report, new { t = "COMMENT", id = "987654", r = "SPAM" }, reporter)).Body.ErrorCode());
        Assert.Equal("USER_NOT_FOUND", (await http.GraphQLAsync(Report, new { t = "USER", id = "987654", r = "SPAM" }, reporter)).Body.ErrorCode());
        var (_, tooLong) = await http.GraphQLAsync(Report, new { t = "USER", id = author.ToString(), r = "OTHER", n = new string('x', 501) }, reporter);
        Assert.Equal("TOO_LONG", tooLong.ErrorCode());
        Assert.Contains("'note'", tooLong.GetProperty("errors")[0].GetProperty("message").GetString());

        // Only operators list; pages of two, oldest first.
        var (_, refused) = await http.GraphQLAsync(Open, null, reporter);
        Assert.Equal("NOT_OPERATOR", refused.ErrorCode());
        var page = (await http.DataAsync(Open, null, op)).GetProperty("openReports");
        Assert.Equal(2, page.GetProperty("nodes").GetArrayLength());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var rest = (await http.DataAsync(Open, new { after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, op)).GetProperty("openReports");
        Assert.Equal(1, rest.GetProperty("nodes").GetArrayLength());
        Assert.False(rest.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_operator_removes_a_video_or_a_comment_as_their_author_would_and_dismisses_the_rest(string database)
    {
        var (http, op) = await InitAsync(database);
        var (author, authorToken) = await http.RegisterAsync();
        var (fan, reporter) = await http.RegisterAsync();
        var video = await VideoAsync(_f, author);
        var other = await VideoAsync(_f, author);
        Assert.Equal(0, (await http.LikeAsync(reporter, video, 1)).Status());
        var comment = (await http.DataAsync("mutation($v: ID!) { addComment(videoId: $v, content: \"rude\") { id } }", new { v = other.ToString() }, authorToken))
            .GetProperty("addComment").GetProperty("id").GetString()!;

        var videoReport = Id((await http.DataAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "SPAM" }, reporter)).GetProperty("report"));
        var commentReport = Id((await http.DataAsync(Report, new { t = "COMMENT", id = comment, r = "HARASSMENT" }, reporter)).GetProperty("report"));
        var userReport = Id((await http.DataAsync(Report, new { t = "USER", id = author.ToString(), r = "OTHER" }, reporter)).GetProperty("report"));

        // Nobody else removes or dismisses, and a refusal changes nothing.
        Assert.Equal("NOT_OPERATOR", (await http.GraphQLAsync(Remove, new { id = videoReport }, authorToken)).Body.ErrorCode());
        Assert.Equal("NOT_OPERATOR", (await http.GraphQLAsync(Dismiss, new { id = userReport }, reporter)).Body.ErrorCode());
        Assert.Equal("TOKEN_MISSING", (await http.GraphQLAsync(Remove, new { id = videoReport })).Body.ErrorCode());
        Assert.True(await _f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Videos.AnyAsync(v => v.Id == video)));
        Assert.Equal(3, await _f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>().Reports.CountAsync(r => r.State == ReportStates.Open)));

        var removed = (await http.DataAsync(Remove, new { id = videoReport }, op)).GetProperty("removeReportedContent");
        Assert.Equal("REMOVED", removed.GetProperty("state").GetString());
        var (a, f2) = await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            return (await db.Users.AsNoTracking().SingleAsync(u => u.Id == author), await db.Users.AsNoTracking().SingleAsync(u => u.Id == fan));
        });
        Assert.Equal((1, 0, 0), (a.WorkCount, a.LikesReceived, f2.LikeCount));
        var feed = await http.GetJsonAsync("/douyin/feed/");
        Assert.Equal([other], feed.GetProperty("video_list").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()));

        Assert.Equal("REMOVED", (await http.DataAsync(Remove, new { id = commentReport }, op)).GetProperty("removeReportedContent").GetProperty("state").GetString());
        var counts = await http.DataAsync("query($v: ID!) { video(id: $v) { commentCount comments(first: 5) { nodes { id } } } }", new { v = other.ToString() });
        Assert.Equal(0, counts.GetProperty("video").GetProperty("commentCount").GetInt32());
        Assert.Equal(0, counts.GetProperty("video").GetProperty("comments").GetProperty("nodes").GetArrayLength());

        // Users are not removed: the report of one is refused for removal and dismissed.
        var (_, user) = await http.GraphQLAsync(Remove, new { id = userReport }, op);
        Assert.Equal("INVALID_VALUE", user.ErrorCode());
        Assert.Equal("DISMISSED", (await http.DataAsync(Dismiss, new { id = userReport }, op)).GetProperty("dismissReport").GetProperty("state").GetString());
        Assert.Equal("REPORT_NOT_FOUND", (await http.GraphQLAsync(Dismiss, new { id = "987654" }, op)).Body.ErrorCode());
        Assert.Equal(0, (await http.DataAsync(Open, null, op)).GetProperty("openReports").GetProperty("nodes").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_author_deleting_a_reported_video_closes_its_reports(string database)
    {
        var (http, op) = await InitAsync(database);
        var (author, authorToken) = await http.RegisterAsync();
        var (_, reporter) = await http.RegisterAsync();
        var video = await VideoAsync(_f, author);
        await http.DataAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "COPYRIGHT" }, reporter);
        await http.DataAsync("mutation($id: ID!) { deleteVideo(id: $id) }", new { id = video.ToString() }, authorToken);
        Assert.Equal(0, (await http.DataAsync(Open, null, op)).GetProperty("openReports").GetProperty("nodes").GetArrayLength());
        // A new report of the same video is refused: it is gone.
        Assert.Equal("VIDEO_NOT_FOUND", (await http.GraphQLAsync(Report, new { t = "VIDEO", id = video.ToString(), r = "SPAM" }, reporter)).Body.ErrorCode());
    }

    [Fact]
    public void The_operators_setting_names_each_bad_entry()
    {
        var result = new ModerationOptionsValidation().Validate(null, new ModerationOptions { Operators = ["42", "alice", "", " bob", "0"] });
        Assert.True(result.Failed);
        Assert.Contains("Tiktok:Moderation:Operators:2", result.FailureMessage);
        Assert.Contains("Tiktok:Moderation:Operators:3", result.FailureMessage);
        Assert.Contains("Tiktok:Moderation:Operators:4", result.FailureMessage);
        Assert.DoesNotContain("Operators:0", result.FailureMessage);
        Assert.DoesNotContain("Operators:1", result.FailureMessage);
        Assert.True(new ModerationOptionsValidation().Validate(null, new ModerationOptions()).Succeeded);
    }
}
