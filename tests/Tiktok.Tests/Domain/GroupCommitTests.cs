using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>
/// Many writes at once: counts stay equal to rows (SQLite commits them in batches, PostgreSQL in
/// concurrent transactions), a refusal inside a batch undoes only itself, and a writer reads its own write.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private TiktokFactory _f = null!;
    private Dictionary<string, string?> _database = [];

    private void Init(string database)
    {
        // PostgreSQL: 200 writers share the test's small pool (10 connections), so they may wait
        // longer for one than Npgsql's default 15 s on a busy machine.
        _database = TestDatabases.Create(database);
        if (_database.TryGetValue("Tiktok:Database:ConnectionString", out var cs))
            _database["Tiktok:Database:ConnectionString"] = cs + ";Timeout=300;Command Timeout=300";
        _f = new TiktokFactory(settings: _database);
        _ = _f.Server;
    }

    public void Dispose()
    {
        _f?.Dispose();
        _f?.DeleteData();
        try { TestDatabases.Drop(_database); } catch (Npgsql.NpgsqlException) { }
    }

    private Task Use<TService>(Func<TService, Task> work) where TService : notnull =>
        _f.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Counts_equal_rows_after_200_way_concurrent_likes_follows_and_comments(string database)
    {
        Init(database);
        var star = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(200);
        var videos = await _f.VideosAsync(star, 2);
        // 200 fans at once, each: likes both videos (one of them twice), follows the star twice,
        // comments once, and every other fan then unlikes the first video twice.
        await Task.WhenAll(fans.Select(async (fan, i) =>
        {
            await Use<Likes>(l => l.AddAsync(fan, videos[0], default));
            await Use<Follows>(f => f.AddAsync(fan, star, default));
            await Use<Likes>(l => l.AddAsync(fan, videos[1], default));
            await Use<Comments>(c => c.AddAsync(fan, videos[1], "at once", default));
            await Use<Likes>(l => l.AddAsync(fan, videos[0], default));
            await Use<Follows>(f => f.AddAsync(fan, star, default));
            if (i % 2 != 0) return;
            await Use<Likes>(l => l.RemoveAsync(fan, videos[0], default));
            await Use<Likes>(l => l.RemoveAsync(fan, videos[0], default));
        }));

        await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            var v = await db.Videos.AsNoTracking().Where(x => videos.Contains(x.Id)).OrderBy(x => x.Id).ToListAsync();
            var s = await db.Users.AsNoTracking().SingleAsync(u => u.Id == star);
            Assert.Equal(await db.Likes.CountAsync(l => l.VideoId == videos[0]), v[0].LikeCount);
            Assert.Equal(100, v[0].LikeCount);
            Assert.Equal(await db.Likes.CountAsync(l => l.VideoId == videos[1]), v[1].LikeCount);
            Assert.Equal(200, v[1].LikeCount);
            Assert.Equal(await db.Comments.CountAsync(c => c.VideoId == videos[1]), v[1].CommentCount);
            Assert.Equal(200, v[1].CommentCount);
            Assert.Equal(await db.Follows.CountAsync(f => f.FolloweeId == star), s.FollowerCount);
            Assert.Equal(200, s.FollowerCount);
            Assert.Equal(300, s.LikesReceived);
            var fanRows = await db.Users.AsNoTracking().Where(u => fans.Contains(u.Id))
                .Select(u => new { u.LikeCount, u.FollowCount, Likes = db.Likes.Count(l => l.UserId == u.Id), Follows = db.Follows.Count(f => f.FollowerId == u.Id) })
                .ToListAsync();
            Assert.All(fanRows, r => Assert.Equal((r.Likes, r.Follows), ((int)r.LikeCount, (int)r.FollowCount)));
        });
        // And the cached cards say the same.
        var view = await _f.InScopeAsync(sp => sp.GetRequiredService<VideoQueries>().GetAsync(videos[0], null, default));
        Assert.Equal(100, view.LikeCount);
        var profile = await _f.InScopeAsync(sp => sp.GetRequiredService<UserQueries>().GetAsync(star, null, default));
        Assert.Equal((200L, 300L), (profile.FollowerCount, profile.LikesReceived));
    }

    [Fact]
    public async Task One_refusal_in_a_batch_undoes_only_itself_and_nothing_is_answered_before_the_batch_commits()
    {
        Init(TestDatabases.Sqlite);
        var author = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(20);
        var video = (await _f.VideosAsync(author, 1))[0];
        var gate = _f.Services.GetRequiredService<IWriteGate>();

        Task refused, failed;
        List<Task> likes;
        using (await gate.EnterAsync(default))
        {
            // The writer waits for its turn: everything below queues into one batch.
            likes = fans.Select(fan => Use<Likes>(l => l.AddAsync(fan, video, default))).ToList();
            refused = Use<Likes>(l => l.AddAsync(fans[0], video + 1000, default));
            failed = Use<Writes>(w => w.RunAsync(async c =>
            {
                // Touches rows, then fails: its savepoint is rolled back, the batch's other actions stay.
                c.Db.Likes.Add(new Like { UserId = author, VideoId = video, CreatedAt = c.Now });
                await c.Db.SaveChangesAsync();
                await c.ShiftAsync<Video>(video, v => v.LikeCount, +1, default);
                throw new InvalidOperationException("fails after writing");
            }, default));
            await Task.Delay(300);
            Assert.False(likes.Any(t => t.IsCompleted) || refused.IsCompleted || failed.IsCompleted,
                "an action was answered before its batch committed");
        }

        await Task.WhenAll(likes);
        Assert.Equal(ErrorCode.VideoNotFound, (await Assert.ThrowsAsync<DomainException>(() => refused)).Code);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            Assert.Equal(20, await db.Likes.CountAsync(l => l.VideoId == video));
            Assert.False(await db.Likes.AnyAsync(l => l.UserId == author));
            Assert.Equal(20, (await db.Videos.AsNoTracking().SingleAsync(v => v.Id == video)).LikeCount);
            Assert.Equal(20, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == author)).LikesReceived);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_viewer_always_sees_their_own_like_in_the_next_read(string database)
    {
        Init(database);
        var author = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(8);
        var video = (await _f.VideosAsync(author, 1))[0];
        // Everyone likes and unlikes at once; each one's next read shows its own latest action.
        await Task.WhenAll(fans.Select(async fan =>
        {
            for (var round = 0; round < 5; round++)
            {
                await Use<Likes>(l => l.AddAsync(fan, video, default));
                var feed = await _f.InScopeAsync(sp => sp.GetRequiredService<VideoQueries>().FeedAsync(null, fan, 30, default));
                Assert.True(feed.Videos.Single(v => v.Id == video).IsLiked);
                var liked = await _f.InScopeAsync(sp => sp.GetRequiredService<UserQueries>().GetAsync(fan, fan, default));
                Assert.Equal(1, liked.LikeCount);

                await Use<Likes>(l => l.RemoveAsync(fan, video, default));
                var after = await _f.InScopeAsync(sp => sp.GetRequiredService<VideoQueries>().GetAsync(video, fan, default));
                Assert.False(after.IsLiked);
                var unliked = await _f.InScopeAsync(sp => sp.GetRequiredService<UserQueries>().GetAsync(fan, fan, default));
                Assert.Equal(0, unliked.LikeCount);
            }
        }));
    }
}
