using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Blocks;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Follows;
using Tiktok.Core.Messages;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>Blocking through the domain services, on SQLite and PostgreSQL: what a block ends, refuses and hides.</summary>
public sealed class BlockingTests : IDisposable
{
    private TiktokFactory _f = null!;

    private void Init(string database)
    {
        _f = new TiktokFactory(database: database);
        _ = _f.Server;
    }

    public void Dispose()
    {
        _f?.Dispose();
        _f?.DeleteData();
    }

    private Task<T> Use<TService, T>(Func<TService, Task<T>> work) where TService : notnull =>
        _f.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    private Task Use<TService>(Func<TService, Task> work) where TService : notnull =>
        _f.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_block_ends_the_follows_both_ways_with_exact_counts_and_an_unblock_does_not_restore_them(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);
        await Use<Follows>(f => f.AddAsync(a, b, default));
        await Use<Follows>(f => f.AddAsync(b, a, default));
        await Use<Follows>(f => f.AddAsync(c, a, default));
        await Use<Follows>(f => f.AddAsync(b, c, default));

        await Use<Blocks>(x => x.AddAsync(a, b, default));
        await Use<Blocks>(x => x.AddAsync(a, b, default)); // a repeated block changes nothing

        await AssertCountsEqualRowsAsync();
        var (aView, bView) = (await UserAsync(a), await UserAsync(b));
        Assert.Equal((0, 1), (aView.FollowCount, aView.FollowerCount)); // c still follows a
        Assert.Equal((1, 0), (bView.FollowCount, bView.FollowerCount)); // b still follows c
        Assert.Equal(1, await Use<TiktokDbContext, int>(db => db.Blocks.CountAsync()));

        await Use<Blocks>(x => x.RemoveAsync(a, b, default));
        await Use<Blocks>(x => x.RemoveAsync(a, b, default));
        Assert.Equal(0, await Use<TiktokDbContext, int>(db => db.Blocks.CountAsync()));
        Assert.Equal(0, (await UserAsync(a)).FollowCount);
        Assert.False(await Use<TiktokDbContext, bool>(db => db.Follows.AnyAsync(f => (f.FollowerId == a && f.FolloweeId == b) || (f.FollowerId == b && f.FolloweeId == a))));

        // Unblocking restores the ability: both may follow again.
        await Use<Follows>(f => f.AddAsync(b, a, default));
        await Use<Follows>(f => f.AddAsync(a, b, default));
        Assert.Equal(2, (await UserAsync(a)).FollowerCount);
        await AssertCountsEqualRowsAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Neither_side_of_a_block_follows_messages_or_comments_on_the_other_and_nothing_is_written(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(2);
        var (blocker, blocked) = (users[0], users[1]);
        var blockersVideo = (await _f.VideosAsync(blocker, 1))[0];
        var blockedsVideo = (await _f.VideosAsync(blocked, 1))[0];
        await Use<Blocks>(x => x.AddAsync(blocker, blocked, default));

        var refusals = new List<DomainException>
        {
            await Assert.ThrowsAsync<DomainException>(() => Use<Follows>(f => f.AddAsync(blocked, blocker, default))),
            await Assert.ThrowsAsync<DomainException>(() => Use<Messages>(m => m.SendAsync(blocked, blocker, "hi", default))),
            await Assert.ThrowsAsync<DomainException>(() => Use<Comments>(m => m.AddAsync(blocked, blockersVideo, "hi", default))),
        };
        Assert.All(refusals, r => Assert.Equal(ErrorCode.Blocked, r.Code));
        Assert.All(refusals, r => Assert.StartsWith($"user {blocker} has blocked you: you cannot ", r.Message));

        // The blocker must unblock first.
        var own = new List<DomainException>
        {
            await Assert.ThrowsAsync<DomainException>(() => Use<Follows>(f => f.AddAsync(blocker, blocked, default))),
            await Assert.ThrowsAsync<DomainException>(() => Use<Messages>(m => m.SendAsync(blocker, blocked, "hi", default))),
            await Assert.ThrowsAsync<DomainException>(() => Use<Comments>(m => m.AddAsync(blocker, blockedsVideo, "hi", default))),
        };
        Assert.All(own, r => Assert.Equal(ErrorCode.Blocked, r.Code));
        Assert.All(own, r => Assert.StartsWith($"you have blocked user {blocked}: unblock them before you ", r.Message));

        var (follows, messages, comments, commentCounts) = await Use<TiktokDbContext, (int, int, int, long)>(async db =>
            (await db.Follows.CountAsync(), await db.Messages.CountAsync(), await db.Comments.CountAsync(), await db.Videos.SumAsync(v => v.CommentCount)));
        Assert.Equal((0, 0, 0, 0L), (follows, messages, comments, commentCounts));
        Assert.Equal(0, (await UserAsync(blocker)).FollowerCount);

        // One's own videos stay open to oneself; self-blocks and unknown users are refused.
        await Use<Comments, CommentView>(m => m.AddAsync(blocked, blockedsVideo, "mine", default));
        Assert.Equal(ErrorCode.CannotBlockSelf, (await Assert.ThrowsAsync<DomainException>(() => Use<Blocks>(x => x.AddAsync(blocker, blocker, default)))).Code);
        Assert.Equal(ErrorCode.UserNotFound, (await Assert.ThrowsAsync<DomainException>(() => Use<Blocks>(x => x.AddAsync(blocker, 999_999, default)))).Code);

        await Use<Blocks>(x => x.RemoveAsync(blocker, blocked, default));
        await Use<Follows>(f => f.AddAsync(blocked, blocker, default));
        await Use<Messages, MessageView>(m => m.SendAsync(blocked, blocker, "hi again", default));
        await Use<Comments, CommentView>(m => m.AddAsync(blocked, blockersVideo, "hi again", default));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_hundred_users_following_and_blocking_at_once_leave_counts_equal_to_rows(string database)
    {
        Init(database);
        var star = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(200);
        // Half of the follows exist before, half race the blocks.
        await Task.WhenAll(fans.Where((_, i) => i % 2 == 0).Select(fan => Use<Follows>(f => f.AddAsync(fan, star, default))));

        // Every action starts at once; at most 32 wait for the test's 10-connection PostgreSQL pool at a
        // time (hundreds queued there time out on a loaded machine), which still races them all.
        using var gate = new SemaphoreSlim(32);
        var work = new List<Task>();
        for (var i = 0; i < fans.Count; i++)
        {
            var (fan, kind) = (fans[i], i % 4);
            work.Add(Gated(() => Refusable(Use<Follows>(f => f.AddAsync(fan, star, default)))));
            work.Add(Gated(() => Refusable(Use<Follows>(f => f.AddAsync(star, fan, default)))));
            if (kind == 0) work.Add(Gated(() => Use<Blocks>(x => x.AddAsync(star, fan, default))));
            if (kind == 1) work.Add(Gated(() => Use<Blocks>(x => x.AddAsync(fan, star, default))));
            if (kind == 2) work.Add(Gated(() => Refusable(Use<Follows>(f => f.RemoveAsync(fan, star, default)))));
        }
        await Task.WhenAll(work);

        async Task Gated(Func<Task> action)
        {
            await gate.WaitAsync();
            try { await action(); }
            finally { gate.Release(); }
        }

        await AssertCountsEqualRowsAsync();
        var blockedPairs = await Use<TiktokDbContext, int>(db => db.Follows.CountAsync(f => db.Blocks.Any(b =>
            (b.BlockerId == f.FollowerId && b.BlockedId == f.FolloweeId) || (b.BlockerId == f.FolloweeId && b.BlockedId == f.FollowerId))));
        Assert.Equal(0, blockedPairs);
        Assert.Equal(100, await Use<TiktokDbContext, int>(db => db.Blocks.CountAsync()));
        // The fans nobody blocked follow the star both ways (the kind-2 unfollows may have come first or last).
        var starView = await UserAsync(star);
        Assert.InRange(starView.FollowerCount, 50, 100);
        Assert.Equal(100, starView.FollowCount);

        static async Task Refusable(Task action)
        {
            try { await action; }
            catch (DomainException e) when (e.Code == ErrorCode.Blocked) { }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_side_stops_seeing_the_others_videos_comments_and_lists_and_an_unblock_shows_them_again(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);
        var cVideos = await _f.VideosAsync(c, 2);
        var bVideos = await _f.VideosAsync(b, 2);
        var aVideos = await _f.VideosAsync(a, 1);
        await Use<Comments, CommentView>(x => x.AddAsync(b, cVideos[0], "from b", default));
        await Use<Comments, CommentView>(x => x.AddAsync(a, cVideos[0], "from a", default));
        await Use<Comments, CommentView>(x => x.AddAsync(c, cVideos[0], "from c", default));
        await Use<Comments, CommentView>(x => x.AddAsync(a, bVideos[0], "a on b", default));
        await Use<Follows>(f => f.AddAsync(b, c, default));
        await Use<Follows>(f => f.AddAsync(a, c, default));
        await Use<Tiktok.Core.Likes.Likes, Tiktok.Core.Events.VideoCountsChanged>(l => l.AddAsync(c, bVideos[1], default));
        // Everyone reads the feed first: the shared newest page is cached, filtered per viewer after.
        foreach (var viewer in new long?[] { null, a, b, c })
            Assert.Equal(5, (await FeedAsync(viewer)).Count);

        await Use<Blocks>(x => x.AddAsync(a, b, default));

        Assert.Equal([aVideos[0], cVideos[1], cVideos[0]], await FeedAsync(a));
        Assert.Equal([bVideos[1], bVideos[0], cVideos[1], cVideos[0]], await FeedAsync(b));
        Assert.Equal(5, (await FeedAsync(c)).Count);
        Assert.Equal(5, (await FeedAsync(null)).Count);
        // A later page (a query, not the shared page) leaves them out too.
        var older = await Use<VideoQueries, FeedPage>(q => q.FeedAsync(long.MaxValue, a, 30, default));
        Assert.DoesNotContain(older.Videos, v => v.Author.Id == b);

        Assert.Equal(["from c", "from a"], (await CommentsAsync(cVideos[0], a)).Select(x => x.Content));
        Assert.Equal(["from c", "from b"], (await CommentsAsync(cVideos[0], b)).Select(x => x.Content));
        Assert.Equal(3, (await CommentsAsync(cVideos[0], c)).Count);
        Assert.Empty(await CommentsAsync(bVideos[0], a)); // a's own comment on b's video: the video is hidden from a
        Assert.Empty(await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.PublishedByAsync(b, a, default)));
        Assert.Empty(await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.PublishedByAsync(a, b, default)));
        Assert.Equal(2, (await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.PublishedByAsync(b, c, default))).Count);
        Assert.Empty(await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.LikedByAsync(c, a, default))); // c liked b's video
        Assert.Single(await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.LikedByAsync(c, c, default)));
        Assert.Equal([a], (await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowersOfAsync(c, a, default))).Select(u => u.Id));
        Assert.Equal([b], (await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowersOfAsync(c, b, default))).Select(u => u.Id));
        Assert.Equal(2, (await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowersOfAsync(c, c, default))).Count);
        Assert.Empty(await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowingOfAsync(b, a, default)));

        await Use<Blocks>(x => x.RemoveAsync(a, b, default));
        Assert.Equal(5, (await FeedAsync(a)).Count);
        Assert.Equal(5, (await FeedAsync(b)).Count);
        Assert.Equal(3, (await CommentsAsync(cVideos[0], a)).Count);
        Assert.Equal(2, (await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowersOfAsync(c, a, default))).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_blocked_author_on_most_of_the_newest_page_still_leaves_full_pages_that_never_repeat_or_skip(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(2);
        var (viewer, prolific) = (users[0], users[1]);
        var others = (await _f.UsersAsync(1))[0];
        var older = await _f.VideosAsync(others, 45);
        await _f.VideosAsync(prolific, 40); // the 40 newest
        await Use<Blocks>(x => x.AddAsync(prolific, viewer, default)); // blocked by them: hidden all the same

        var seen = new List<long>();
        long? before = null;
        while (true)
        {
            var page = await Use<VideoQueries, FeedPage>(q => q.FeedAsync(before, viewer, 30, default));
            if (page.Videos.Count == 0) break;
            Assert.True(seen.Count > 0 || page.Videos.Count == 30, "the first page is full");
            seen.AddRange(page.Videos.Select(v => v.Id));
            before = page.NextTime;
        }
        Assert.Equal(Enumerable.Reverse(older), seen);
    }

    private async Task<List<long>> FeedAsync(long? viewer) =>
        (await Use<VideoQueries, FeedPage>(q => q.FeedAsync(null, viewer, 30, default))).Videos.Select(v => v.Id).ToList();

    private Task<IReadOnlyList<CommentView>> CommentsAsync(long video, long viewer) =>
        Use<Comments, IReadOnlyList<CommentView>>(x => x.OfVideoAsync(video, viewer, default));

    private Task<UserView> UserAsync(long id) => Use<UserQueries, UserView>(q => q.GetAsync(id, null, default));

    /// <summary>Every user's follow and follower counts equal their follow rows.</summary>
    private async Task AssertCountsEqualRowsAsync()
    {
        var wrong = await Use<TiktokDbContext, List<long>>(db => db.Users.AsNoTracking()
            .Where(u => u.FollowCount != db.Follows.Count(f => f.FollowerId == u.Id) || u.FollowerCount != db.Follows.Count(f => f.FolloweeId == u.Id))
            .Select(u => u.Id).ToListAsync());
        Assert.Empty(wrong);
    }
}
