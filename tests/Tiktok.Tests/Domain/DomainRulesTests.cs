using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Messages;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>The domain services against the real database of the host: SQLite, and PostgreSQL when available.</summary>
public sealed class DomainRulesTests : IDisposable
{
    private readonly FrozenClock _clock = new(DateTimeOffset.UtcNow);
    private TiktokFactory _f = null!;

    /// <summary>The host on a fresh database of the given kind (each test runs on SQLite and PostgreSQL).</summary>
    private void Init(string database)
    {
        _f = new TiktokFactory(configure: s => s.AddSingleton<TimeProvider>(_clock), database: database);
        _ = _f.Server; // start the host: migrations run
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
    public async Task Repeated_likes_and_unlikes_change_each_count_once(string database)
    {
        Init(database);
        var (author, fan) = await TwoUsersAsync();
        var video = (await _f.VideosAsync(author, 1))[0];

        await Use<Likes>(l => l.AddAsync(fan, video, default));
        await Use<Likes>(l => l.AddAsync(fan, video, default));
        await AssertCountsAsync(video, author, fan, favorites: 1);

        await Use<Likes>(l => l.RemoveAsync(fan, video, default));
        await Use<Likes>(l => l.RemoveAsync(fan, video, default));
        await AssertCountsAsync(video, author, fan, favorites: 0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_likes_from_many_users_are_counted_exactly(string database)
    {
        Init(database);
        var author = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(40);
        var video = (await _f.VideosAsync(author, 1))[0];

        // Every fan likes three times at once, and half of them then unlike twice at once.
        await Task.WhenAll(fans.SelectMany(fan => Enumerable.Range(0, 3)
            .Select(_ => Use<Likes>(l => l.AddAsync(fan, video, default)))));
        await Task.WhenAll(fans.Take(20).SelectMany(fan => Enumerable.Range(0, 2)
            .Select(_ => Use<Likes>(l => l.RemoveAsync(fan, video, default)))));

        var (videoLikes, likesReceived, rows) = await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            var v = await db.Videos.AsNoTracking().SingleAsync(x => x.Id == video);
            var a = await db.Users.AsNoTracking().SingleAsync(x => x.Id == author);
            return (v.LikeCount, a.LikesReceived, await db.Likes.CountAsync(l => l.VideoId == video));
        });
        Assert.Equal(20, rows);
        Assert.Equal(20, videoLikes);
        Assert.Equal(20, likesReceived);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_follows_and_comments_keep_counts_equal_to_rows(string database)
    {
        Init(database);
        var star = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(30);
        var video = (await _f.VideosAsync(star, 1))[0];
        await Task.WhenAll(fans.SelectMany(fan => new[]
        {
            Use<Follows>(r => r.AddAsync(fan, star, default)),
            Use<Follows>(r => r.AddAsync(fan, star, default)),
            Use<Comments, CommentView>(c => c.AddAsync(fan, video, "first!", default)),
        }));
        var user = await Use<UserQueries, UserView>(q => q.GetAsync(star, null, default));
        var followers = await Use<UserQueries, IReadOnlyList<UserView>>(q => q.FollowersOfAsync(star, null, default));
        var comments = await Use<Comments, IReadOnlyList<CommentView>>(c => c.OfVideoAsync(video, null, default));
        var view = await Use<VideoQueries, VideoView>(q => q.GetAsync(video, null, default));
        Assert.Equal(30, user.FollowerCount);
        Assert.Equal(30, followers.Count);
        Assert.Equal(30, view.CommentCount);
        Assert.Equal(30, comments.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Only_the_author_deletes_a_comment_and_nothing_changes_on_refusal(string database)
    {
        Init(database);
        var (author, other) = await TwoUsersAsync();
        var video = (await _f.VideosAsync(author, 1))[0];
        var comment = await Use<Comments, CommentView>(c => c.AddAsync(author, video, "mine", default));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            Use<Comments>(c => c.DeleteAsync(other, video, comment.Id, default)));
        Assert.Equal(ErrorCode.NotCommentAuthor, refusal.Code);
        Assert.Equal(1, (await Use<VideoQueries, VideoView>(q => q.GetAsync(video, null, default))).CommentCount);

        await Use<Comments>(c => c.DeleteAsync(author, video, comment.Id, default));
        Assert.Equal(0, (await Use<VideoQueries, VideoView>(q => q.GetAsync(video, null, default))).CommentCount);
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            Use<Comments>(c => c.DeleteAsync(author, video, comment.Id, default)));
        Assert.Equal(ErrorCode.CommentNotFound, again.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Following_yourself_or_a_missing_user_is_refused(string database)
    {
        Init(database);
        var me = (await _f.UsersAsync(1))[0];
        var self = await Assert.ThrowsAsync<DomainException>(() => Use<Follows>(r => r.AddAsync(me, me, default)));
        Assert.Equal(ErrorCode.CannotFollowSelf, self.Code);
        var missing = await Assert.ThrowsAsync<DomainException>(() => Use<Follows>(r => r.AddAsync(me, 999_999, default)));
        Assert.Equal(ErrorCode.UserNotFound, missing.Code);
        Assert.Equal(0, (await Use<UserQueries, UserView>(q => q.GetAsync(me, null, default))).FollowCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Messages_sent_in_the_same_millisecond_still_poll_exactly_once_each(string database)
    {
        Init(database);
        var (a, b) = await TwoUsersAsync();
        // The clock stands still: every message is sent "at the same time".
        var sent = new List<MessageView>();
        for (var i = 0; i < 10; i++)
            sent.Add(await Use<Messages, MessageView>(c => c.SendAsync(i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, $"m{i}", default)));

        Assert.Equal(sent.Count, sent.Select(m => m.CreatedAt).Distinct().Count());
        var seen = new List<long>();
        var cursor = 0L;
        // Poll like the app: from the create_time of the last message received.
        for (var poll = 0; poll < 12; poll++)
        {
            var page = await Use<Messages, IReadOnlyList<MessageView>>(c => c.HistoryAsync(b, a, cursor, default));
            if (page.Count == 0) break;
            seen.Add(page[0].Id);
            cursor = page[0].CreatedAt;
        }
        Assert.Equal(sent.Select(m => m.Id), seen);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Feed_pages_never_repeat_or_skip_videos_published_in_the_same_millisecond(string database)
    {
        Init(database);
        var author = (await _f.UsersAsync(1))[0];
        var published = new List<long>();
        for (var i = 0; i < 65; i++)
            published.Add(await _f.InScopeAsync(async sp =>
            {
                var writes = sp.GetRequiredService<Writes>();
                return await writes.RunAsync(async w =>
                {
                    var v = new Video { AuthorId = author, Title = $"t{i}", PlayKey = "videos/x.mp4", CoverKey = MediaKeys.PlaceholderCover, CreatedAt = await w.NextVideoTimeAsync(default) };
                    w.Db.Videos.Add(v);
                    await w.Db.SaveChangesAsync();
                    return v.Id;
                }, default);
            }));

        var seen = new List<long>();
        long? before = null;
        while (true)
        {
            var page = await Use<VideoQueries, FeedPage>(q => q.FeedAsync(before, null, 30, default));
            if (page.Videos.Count == 0) break;
            Assert.True(page.Videos.Count <= 30);
            seen.AddRange(page.Videos.Select(v => v.Id));
            before = page.NextTime;
        }
        Assert.Equal(Enumerable.Reverse(published), seen);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Events_are_published_after_the_commit_with_the_committed_counts(string database)
    {
        Init(database);
        var (author, fan) = await TwoUsersAsync();
        var video = (await _f.VideosAsync(author, 1))[0];
        long? countSeenByAnotherReader = null;
        _f.Events.OnEvent = async e =>
        {
            if (e is not VideoCountsChanged) return;
            // A fresh reader, on its own connection, must already see the like.
            countSeenByAnotherReader = await _f.InScopeAsync(sp => sp.GetRequiredService<TiktokDbContext>()
                .Videos.AsNoTracking().Where(v => v.Id == video).Select(v => v.LikeCount).SingleAsync());
        };
        await Use<Likes>(l => l.AddAsync(fan, video, default));
        _f.Events.OnEvent = null;

        var changed = Assert.Single(_f.Events.All.OfType<VideoCountsChanged>(), e => e.VideoId == video);
        Assert.Equal(1, changed.LikeCount);
        Assert.Equal(1, countSeenByAnotherReader);

        // A repeated like changes nothing, so nothing is announced.
        await Use<Likes>(l => l.AddAsync(fan, video, default));
        Assert.Single(_f.Events.All.OfType<VideoCountsChanged>(), e => e.VideoId == video);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_refused_action_raises_no_event_and_writes_nothing(string database)
    {
        Init(database);
        var (author, other) = await TwoUsersAsync();
        var before = _f.Events.All.Count;
        await Assert.ThrowsAsync<DomainException>(() => Use<Likes>(l => l.AddAsync(other, 123_456, default)));
        await Assert.ThrowsAsync<DomainException>(() => Use<Messages>(c => c.SendAsync(author, author, "me", default)));
        Assert.Equal(before, _f.Events.All.Count);
    }

    private async Task<(long, long)> TwoUsersAsync()
    {
        var ids = await _f.UsersAsync(2);
        return (ids[0], ids[1]);
    }

    private async Task AssertCountsAsync(long video, long author, long fan, int favorites)
    {
        var view = await Use<VideoQueries, VideoView>(q => q.GetAsync(video, fan, default));
        var authorView = await Use<UserQueries, UserView>(q => q.GetAsync(author, null, default));
        var fanView = await Use<UserQueries, UserView>(q => q.GetAsync(fan, null, default));
        var liked = await Use<VideoQueries, IReadOnlyList<VideoView>>(q => q.LikedByAsync(fan, fan, default));
        Assert.Equal(favorites, view.LikeCount);
        Assert.Equal(favorites == 1, view.IsLiked);
        Assert.Equal(favorites, authorView.LikesReceived);
        Assert.Equal(favorites, fanView.LikeCount);
        Assert.Equal(favorites, liked.Count);
    }
}
