using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Events;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Notifications;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>
/// Notifications through the domain services on SQLite and PostgreSQL: who is told what, grouping,
/// withdrawal on undo, paging, marking read, and exact counts under concurrent actions.
/// </summary>
public sealed class NotificationRulesTests : IDisposable
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

    private Task Use<TService>(Func<TService, Task> work) where TService : notnull =>
        _f.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    private Task<T> Use<TService, T>(Func<TService, Task<T>> work) where TService : notnull =>
        _f.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    private Task<IReadOnlyList<NotificationView>> ListAsync(long user, int limit = 100) =>
        Use<Notifications, IReadOnlyList<NotificationView>>(async n => (await n.PageAsync(user, null, limit, default)).Select(k => k.Item).ToList());

    private Task<long> UnreadAsync(long user) => Use<Notifications, long>(n => n.UnreadCountAsync(user, default));

    /// <summary>The stored unread counter equals the unread rows, and each group's count equals its actor rows.</summary>
    private Task AssertConsistentAsync(long user) => _f.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TiktokDbContext>();
        var counter = await db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.UnreadNotificationCount).SingleAsync();
        var rows = await db.Notifications.CountAsync(n => n.RecipientId == user && n.ReadAt == null);
        Assert.Equal(rows, counter);
        var groups = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == user)
            .Select(n => new { n.Id, n.ActorCount, Actors = db.NotificationActors.Count(a => a.NotificationId == n.Id) }).ToListAsync();
        Assert.All(groups, g => Assert.Equal(g.Actors, g.ActorCount));
        Assert.All(groups, g => Assert.True(g.ActorCount > 0, $"notification {g.Id} has no actor left"));
    });

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Nobody_is_told_of_their_own_like_or_comment(string database)
    {
        Init(database);
        var author = (await _f.UsersAsync(1))[0];
        var video = (await _f.VideosAsync(author, 1))[0];
        await Use<Likes>(l => l.AddAsync(author, video, default));
        await Use<Comments>(c => c.AddAsync(author, video, "my own words", default));
        Assert.Empty(await ListAsync(author));
        Assert.Equal(0, await UnreadAsync(author));
        await Use<Likes>(l => l.RemoveAsync(author, video, default));
        await AssertConsistentAsync(author);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Likes_of_one_video_group_while_unread_and_a_like_after_reading_starts_a_new_group(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(5);
        var author = users[0];
        var video = (await _f.VideosAsync(author, 1))[0];
        foreach (var fan in users.Skip(1).Take(3)) await Use<Likes>(l => l.AddAsync(fan, video, default));
        await Use<Likes>(l => l.AddAsync(users[1], video, default)); // a repeated like is no new actor

        var group = Assert.Single(await ListAsync(author));
        Assert.Equal((NotificationKind.Like, video, 3L, users[3], false), (group.Kind, group.VideoId!.Value, group.ActorCount, group.ActorId, group.Read));
        Assert.Equal(1, await UnreadAsync(author));

        Assert.Equal(0, await Use<Notifications, long>(n => n.MarkReadAsync(author, null, default)));
        await Use<Likes>(l => l.AddAsync(users[4], video, default));
        var list = await ListAsync(author);
        Assert.Equal(2, list.Count);
        Assert.Equal((users[4], 1L, false), (list[0].ActorId, list[0].ActorCount, list[0].Read));
        Assert.Equal((3L, true), (list[1].ActorCount, list[1].Read));
        Assert.Equal(1, await UnreadAsync(author));
        await AssertConsistentAsync(author);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Undoing_withdraws_the_actor_the_group_shrinks_and_an_empty_group_goes_with_its_unread_count(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(4);
        var star = users[0];
        var video = (await _f.VideosAsync(star, 1))[0];
        foreach (var fan in users.Skip(1)) await Use<Follows>(f => f.AddAsync(fan, star, default));
        await Use<Likes>(l => l.AddAsync(users[1], video, default));
        var comment = await Use<Comments, Core.Comments.CommentView>(c => c.AddAsync(users[2], video, "nice one", default));
        Assert.Equal(3, await UnreadAsync(star));
        var commentNote = (await ListAsync(star)).Single(n => n.Kind == NotificationKind.Comment);
        Assert.Equal((comment.Id, "nice one", users[2]), (commentNote.CommentId!.Value, commentNote.CommentText, commentNote.ActorId));

        // The latest follower leaves: the group shrinks and names the one before.
        await Use<Follows>(f => f.RemoveAsync(users[3], star, default));
        var follows = (await ListAsync(star)).Single(n => n.Kind == NotificationKind.Follow);
        Assert.Equal((2L, users[2]), (follows.ActorCount, follows.ActorId));

        await Use<Likes>(l => l.RemoveAsync(users[1], video, default));
        await Use<Comments>(c => c.DeleteAsync(users[2], video, comment.Id, default));
        var left = Assert.Single(await ListAsync(star));
        Assert.Equal(NotificationKind.Follow, left.Kind);
        Assert.Equal(1, await UnreadAsync(star));

        // Withdrawing from a group already read changes no unread count.
        await Use<Notifications, long>(n => n.MarkReadAsync(star, null, default));
        await Use<Follows>(f => f.RemoveAsync(users[2], star, default));
        Assert.Equal(1, Assert.Single(await ListAsync(star)).ActorCount);
        await Use<Follows>(f => f.RemoveAsync(users[1], star, default));
        Assert.Empty(await ListAsync(star));
        Assert.Equal(0, await UnreadAsync(star));
        await AssertConsistentAsync(star);

        var withdrawn = _f.Events.All.OfType<NotificationChanged>().Where(e => e.Change == NotificationChange.Withdrawn).ToList();
        Assert.Equal(3, withdrawn.Count); // the like, the comment, the follow group at last
        Assert.All(withdrawn, e => Assert.Equal(star, e.RecipientId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Pages_of_the_list_neither_repeat_nor_skip_and_marking_read_up_to_one_leaves_the_newer_unread(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(2);
        var (author, fan) = (users[0], users[1]);
        var video = (await _f.VideosAsync(author, 1))[0];
        for (var i = 0; i < 23; i++) await Use<Comments>(c => c.AddAsync(fan, video, $"comment {i}", default));

        var seen = new List<Keyed>();
        long[]? after = null;
        for (var page = 0; page < 10; page++)
        {
            var rows = await Use<Notifications, IReadOnlyList<Core.Lists.Keyed<NotificationView>>>(n => n.PageAsync(author, after, 5, default));
            if (rows.Count == 0) break;
            seen.AddRange(rows.Select(r => new Keyed(r.Item.Id, r.Item.CommentText!, r.Keys)));
            after = rows[^1].Keys;
        }
        Assert.Equal(23, seen.Count);
        Assert.Equal(23, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 23).Reverse().Select(i => $"comment {i}"), seen.Select(s => s.Text));

        // Read up to the 10th newest: it and the 13 older are read, the 9 newer are not.
        Assert.Equal(9, await Use<Notifications, long>(n => n.MarkReadAsync(author, seen[9].Keys, default)));
        var list = await ListAsync(author);
        Assert.Equal(Enumerable.Repeat(false, 9).Concat(Enumerable.Repeat(true, 14)), list.Select(n => n.Read));
        await AssertConsistentAsync(author);
    }

    private sealed record Keyed(long Id, string Text, long[] Keys);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Marking_read_touches_only_the_callers_own_notifications(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(3);
        var (a, b, c) = (users[0], users[1], users[2]);
        await Use<Follows>(f => f.AddAsync(c, a, default));
        await Use<Follows>(f => f.AddAsync(c, b, default));
        var ofA = Assert.Single(await Use<Notifications, IReadOnlyList<Core.Lists.Keyed<NotificationView>>>(n => n.PageAsync(a, null, 10, default)));

        // b holds a's cursor (a time and an id) and marks read with it: only b's own rows change.
        await Use<Notifications, long>(n => n.MarkReadAsync(b, [long.MaxValue, long.MaxValue], default));
        await Use<Notifications, long>(n => n.MarkReadAsync(b, ofA.Keys, default));
        Assert.Equal(1, await UnreadAsync(a));
        Assert.False(Assert.Single(await ListAsync(a)).Read);
        Assert.Equal(0, await UnreadAsync(b));
        Assert.DoesNotContain(await ListAsync(b), n => n.Id == ofA.Item.Id);
    }

    /// <summary>
    /// Starts every action at once. At most 32 wait for a connection at a time: the test's PostgreSQL
    /// pool has 10, and on a loaded machine hundreds queued behind them would time out waiting.
    /// </summary>
    private static Task StormAsync(IEnumerable<Func<Task>> actions)
    {
        var gate = new SemaphoreSlim(32);
        return Task.WhenAll(actions.Select(async action =>
        {
            await gate.WaitAsync();
            try { await action(); }
            finally { gate.Release(); }
        }));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_hundred_users_liking_following_and_commenting_at_once_are_announced_exactly(string database)
    {
        Init(database);
        var star = (await _f.UsersAsync(1))[0];
        var fans = await _f.UsersAsync(200);
        var video = (await _f.VideosAsync(star, 1))[0];

        // Every fan likes, follows and comments at once; meanwhile the star marks everything read, now and then.
        var actions = StormAsync(fans.SelectMany(fan => new Func<Task>[]
        {
            () => Use<Likes>(l => l.AddAsync(fan, video, default)),
            () => Use<Follows>(f => f.AddAsync(fan, star, default)),
            () => Use<Comments>(c => c.AddAsync(fan, video, "hello", default)),
        }));
        var reads = Enumerable.Range(0, 5).Select(async i =>
        {
            await Task.Delay(50 * i);
            await Use<Notifications, long>(n => n.MarkReadAsync(star, null, default));
        });
        await Task.WhenAll(reads.Append(actions));

        await AssertConsistentAsync(star);
        var list = await ListAsync(star, 1000);
        Assert.Equal(200, list.Where(n => n.Kind == NotificationKind.Like).Sum(n => n.ActorCount));
        Assert.Equal(200, list.Where(n => n.Kind == NotificationKind.Follow).Sum(n => n.ActorCount));
        Assert.Equal(200, list.Count(n => n.Kind == NotificationKind.Comment));
        // At most one unread group per subject.
        Assert.True(list.Count(n => n.Kind == NotificationKind.Like && !n.Read) <= 1);
        Assert.True(list.Count(n => n.Kind == NotificationKind.Follow && !n.Read) <= 1);
        Assert.Equal(list.Count(n => !n.Read), await UnreadAsync(star));

        // Without reads in between, one storm is one group of each: 200 more users, then all undo at once.
        await Use<Notifications, long>(n => n.MarkReadAsync(star, null, default));
        var more = await _f.UsersAsync(200);
        await StormAsync(more.SelectMany(fan => new Func<Task>[] { () => Use<Likes>(l => l.AddAsync(fan, video, default)), () => Use<Follows>(f => f.AddAsync(fan, star, default)) }));
        var unread = (await ListAsync(star, 1000)).Where(n => !n.Read).ToList();
        Assert.Equal(2, unread.Count);
        Assert.All(unread, n => Assert.Equal(200, n.ActorCount));
        Assert.Equal(2, await UnreadAsync(star));

        await StormAsync(more.SelectMany(fan => new Func<Task>[] { () => Use<Likes>(l => l.RemoveAsync(fan, video, default)), () => Use<Follows>(f => f.RemoveAsync(fan, star, default)) }));
        Assert.DoesNotContain(await ListAsync(star, 1000), n => !n.Read);
        Assert.Equal(0, await UnreadAsync(star));
        await AssertConsistentAsync(star);
    }
}
