using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class FeedTests(ServerFixture fixture)
{
    private const int PageSize = 30;
    private const int Published = 33;
    private readonly Douyin _api = new(fixture);

    [Fact]
    public async Task Feed_pages_with_next_time_never_repeat_or_skip_a_video()
    {
        var author = await _api.NewUserAsync("feed");
        // A few at a time: some may share a millisecond, which paging must still handle.
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, Published).Select(async i =>
        {
            await gate.WaitAsync();
            try { (await _api.Publish(author.Token, $"feed {i}", Douyin.SampleMp4)).Ok(); }
            finally { gate.Release(); }
        }));
        var mine = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id))).Ok().Ids("video_list");
        Assert.Equal(Published, mine.Count);
        Assert.Equal(Published, (await _api.UserAsync(author.Id)).GetProperty("work_count").GetInt64());

        var seen = new List<long>();
        var pages = new List<List<long>>();
        long? latest = null;
        while (pages.Count < 40 && !mine.All(seen.Contains))
        {
            var reply = (await _api.Get("/douyin/feed/", ("latest_time", latest), ("token", author.Token))).Ok();
            var videos = reply.Array("video_list");
            Assert.True(videos.Count <= PageSize, reply.Explain($"at most {PageSize} videos per page"));
            foreach (var v in videos) Shapes.Video(v, reply);
            var ids = videos.Select(v => v.GetProperty("id").GetInt64()).ToList();
            var repeated = ids.Where(seen.Contains).ToList();
            Assert.True(repeated.Count == 0 && ids.Distinct().Count() == ids.Count,
                reply.Explain($"page {pages.Count + 1} repeats video(s) {string.Join(", ", repeated)}"));
            var nextTime = reply.Int64("next_time");
            if (videos.Count == 0) break;
            Assert.True(nextTime > 100_000_000_000L, reply.Explain("next_time must be Unix milliseconds"));
            if (latest is not null) Assert.True(nextTime < latest, reply.Explain("next_time must move back in time"));
            seen.AddRange(ids);
            pages.Add(ids);
            latest = nextTime;
        }

        Assert.True(pages.Count >= 2, $"{Published} videos must span at least two pages; got {pages.Count}");
        Assert.Equal(PageSize, pages[0].Count);
        var missing = mine.Where(id => !seen.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"the feed skipped video(s) {string.Join(", ", missing)} (pages: {string.Join(" | ", pages.Select(p => string.Join(",", p)))})");
        // Newest first: my videos appear in the feed in the order of my publish list.
        Assert.Equal(mine, seen.Where(mine.Contains).ToList());
    }

    [Fact]
    public async Task Latest_time_in_seconds_is_taken_as_seconds()
    {
        var author = await _api.NewUserAsync("secs");
        var video = await _api.PublishSampleAsync(author, "seconds");

        var first = (await _api.Get("/douyin/feed/")).Ok();
        var nextMs = first.Int64("next_time");
        var page = first.Ids("video_list");
        Assert.NotEmpty(page);

        // A minute ahead, in seconds and in ms: the same newest page.
        var now = DateTimeOffset.UtcNow;
        var inMs = (await _api.Get("/douyin/feed/", ("latest_time", now.AddMinutes(1).ToUnixTimeMilliseconds()))).Ok();
        var inSeconds = (await _api.Get("/douyin/feed/", ("latest_time", now.AddMinutes(1).ToUnixTimeSeconds()))).Ok();
        Assert.True(inSeconds.Ids("video_list").SequenceEqual(inMs.Ids("video_list")),
            inSeconds.Explain("latest_time in seconds (a minute ahead) must give the same page as the same time in ms"));
        Assert.Contains(video, inSeconds.Ids("video_list"));

        // A time in seconds from the past: the same page as that second in ms, and strictly before it.
        var seconds = nextMs / 1000;
        var bySeconds = (await _api.Get("/douyin/feed/", ("latest_time", seconds))).Ok();
        var byMs = (await _api.Get("/douyin/feed/", ("latest_time", seconds * 1000))).Ok();
        Assert.True(bySeconds.Ids("video_list").SequenceEqual(byMs.Ids("video_list")),
            bySeconds.Explain($"latest_time={seconds} (seconds) must equal latest_time={seconds * 1000} (ms)"));
        Assert.DoesNotContain(page[^1], bySeconds.Ids("video_list"));
    }

    [Fact]
    public async Task Feed_without_token_and_with_latest_time_0_is_the_newest_page()
    {
        var users = await _api.NewUsersAsync(2, "anon");
        var video = await _api.PublishSampleAsync(users[0], "newest");
        (await _api.Post("/douyin/favorite/action/", ("token", users[1].Token), ("video_id", video), ("action_type", 1))).Ok();

        foreach (var query in new (string, object?)[][] { [], [("latest_time", 0)], [("latest_time", "")] })
        {
            var reply = (await _api.Get("/douyin/feed/", query)).Ok();
            var v = reply.Array("video_list").FirstOrDefault(x => x.GetProperty("id").GetInt64() == video);
            Assert.True(v.ValueKind != System.Text.Json.JsonValueKind.Undefined, reply.Explain("the newest video must be on the first page"));
            Shapes.Video(v, reply);
            Assert.False(v.GetProperty("is_favorite").GetBoolean(), reply.Explain("no viewer, no is_favorite"));
            Assert.Equal(1, v.GetProperty("favorite_count").GetInt64());
        }

        var asFan = await _api.FindInFeedAsync(video, users[1].Token);
        Assert.True(asFan!.Value.GetProperty("is_favorite").GetBoolean());
        Assert.False(asFan.Value.GetProperty("author").GetProperty("is_follow").GetBoolean());
        (await _api.Post("/douyin/relation/action/", ("token", users[1].Token), ("to_user_id", users[0].Id), ("action_type", 1))).Ok();
        asFan = await _api.FindInFeedAsync(video, users[1].Token);
        Assert.True(asFan!.Value.GetProperty("author").GetProperty("is_follow").GetBoolean(), "the feed's author.is_follow is for the viewer");
    }

    [Fact]
    public async Task Feed_before_every_video_is_an_empty_list_with_next_time_present()
    {
        var reply = (await _api.Get("/douyin/feed/", ("latest_time", 100_000_000_001L))).Ok(); // 1973, in ms
        Assert.Empty(reply.Array("video_list"));
        reply.Int64("next_time");
    }
}
