using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Data.Effects;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Messages;
using Tiktok.Core.Videos;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>
/// What each write drops from the caches and announces follows from the rows it touched
/// (<see cref="EffectRules"/>), applied once after the commit and never after a rollback or a refusal.
/// </summary>
public sealed class WriteEffectsTests : IDisposable
{
    private TiktokFactory _f = null!;
    private readonly RecordingHotCache _cache = new();

    private void Init(string database)
    {
        _f = new TiktokFactory(configure: s => s.AddSingleton<IHotCache>(_cache), database: database);
        _ = _f.Server;
    }

    public void Dispose()
    {
        _f?.Dispose();
        _f?.DeleteData();
    }

    [Fact]
    public void Every_entity_type_that_can_be_written_has_an_effect_rule()
    {
        using var db = new TiktokDbContext(new DbContextOptionsBuilder<TiktokDbContext>().UseSqlite("Data Source=:memory:").Options);
        var missing = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => !EffectRules.Covered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "declare what writes to these invalidate and announce in EffectRules: " + string.Join(", ", missing));
    }

    /// <summary>The events other than the notifications' (checked apart).</summary>
    private static List<IDomainEvent> Plain(IEnumerable<IDomainEvent> events) =>
        events.Where(e => e is not NotificationChanged and not UnreadNotificationsChanged).ToList();

    private static List<(long, NotificationChange)> Told(IEnumerable<IDomainEvent> events) =>
        events.OfType<NotificationChanged>().Select(e => (e.RecipientId, e.Change)).ToList();

    private sealed record Effects(IReadOnlySet<CardKey> Dropped, IReadOnlyList<IDomainEvent> Events, bool FeedDropped);

    /// <summary>Runs one write with the feed page cached before it, and returns what the write caused.</summary>
    private async Task<Effects> EffectsOf(Func<IServiceProvider, Task> write)
    {
        await _f.InScopeAsync(sp => sp.GetRequiredService<VideoQueries>().FeedAsync(null, null, 30, default));
        var feed = _f.Services.GetRequiredService<FeedCache>();
        Assert.NotNull(await feed.CachedNewestAsync());
        var version = await feed.VersionAsync();
        _cache.Clear();
        var before = _f.Events.All.Count;
        try
        {
            await _f.InScopeAsync(write);
        }
        catch (DomainException)
        {
            // A refusal: its effects (none) are what is checked.
        }
        return new Effects(_cache.Dropped, _f.Events.All.Skip(before).ToList(), version != await feed.VersionAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_write_drops_the_cards_it_changed_and_announces_what_it_did(string database)
    {
        Init(database);
        var users = await _f.UsersAsync(4);
        var (author, fan, other, stranger) = (users[0], users[1], users[2], users[3]);
        var video = (await _f.VideosAsync(author, 1))[0];
        CardKey U(long id) => CardKey.User(id);
        CardKey V(long id) => CardKey.Video(id);
        CardKey F(long id) => CardKey.Viewer(id);

        var like = await EffectsOf(sp => sp.GetRequiredService<Likes>().AddAsync(fan, video, default));
        Assert.Equal(new HashSet<CardKey> { V(video), U(author), U(fan), F(fan) }, like.Dropped);
        Assert.Equal([new VideoCountsChanged(video, 1, 0)], Plain(like.Events));
        Assert.Equal([(author, NotificationChange.Added)], Told(like.Events));
        Assert.Equal([new UnreadNotificationsChanged(author, 1)], like.Events.OfType<UnreadNotificationsChanged>());
        Assert.True(like.FeedDropped, "a like changes a count shown on the feed page");

        var repeated = await EffectsOf(sp => sp.GetRequiredService<Likes>().AddAsync(fan, video, default));
        Assert.Empty(repeated.Dropped);
        Assert.Empty(repeated.Events);
        Assert.False(repeated.FeedDropped, "a repeated like changes nothing");

        var follow = await EffectsOf(sp => sp.GetRequiredService<Follows>().AddAsync(fan, other, default));
        Assert.Equal(new HashSet<CardKey> { U(fan), U(other), F(fan) }, follow.Dropped);
        Assert.Equal([new FollowChanged(fan, other, true)], Plain(follow.Events));
        Assert.Equal([(other, NotificationChange.Added)], Told(follow.Events));
        Assert.Equal([new UnreadNotificationsChanged(other, 1)], follow.Events.OfType<UnreadNotificationsChanged>());
        Assert.False(follow.FeedDropped, "a follow between users not on the feed page keeps it");

        var first = await EffectsOf(sp => sp.GetRequiredService<Messages>().SendAsync(fan, other, "hi", default));
        var second = await EffectsOf(sp => sp.GetRequiredService<Messages>().SendAsync(other, fan, "hello", default));
        Assert.Empty(first.Dropped);
        Assert.False(first.FeedDropped, "a chat message keeps the feed page");
        var sent = Assert.IsType<MessageStored>(Assert.Single(first.Events));
        Assert.Equal((fan, other, "hi", 0L), (sent.FromUserId, sent.ToUserId, sent.Content, sent.PrevCreatedAt));
        var reply = Assert.IsType<MessageStored>(Assert.Single(second.Events));
        Assert.Equal(sent.CreatedAt, reply.PrevCreatedAt);

        CommentView? posted = null;
        var comment = await EffectsOf(async sp => posted = await sp.GetRequiredService<Comments>().AddAsync(fan, video, "nice", default));
        Assert.Equal(new HashSet<CardKey> { V(video) }, comment.Dropped);
        Assert.Equal([new CommentAdded(video, posted!.Id, fan, "nice", posted.CreatedAt), new VideoCountsChanged(video, 1, 1)], Plain(comment.Events));
        Assert.Equal([(author, NotificationChange.Added)], Told(comment.Events));
        Assert.Equal("nice", comment.Events.OfType<NotificationChanged>().Single().Notification.CommentText);
        Assert.True(comment.FeedDropped);

        var refused = await EffectsOf(sp => sp.GetRequiredService<Comments>().DeleteAsync(stranger, video, posted.Id, default));
        Assert.Empty(refused.Dropped);
        Assert.Empty(refused.Events);
        Assert.False(refused.FeedDropped);

        var deleted = await EffectsOf(sp => sp.GetRequiredService<Comments>().DeleteAsync(fan, video, posted.Id, default));
        Assert.Equal(new HashSet<CardKey> { V(video) }, deleted.Dropped);
        Assert.Equal([new CommentDeleted(video, posted.Id), new VideoCountsChanged(video, 1, 0)], Plain(deleted.Events));
        Assert.Equal([(author, NotificationChange.Withdrawn)], Told(deleted.Events));
        Assert.Equal([new UnreadNotificationsChanged(author, 1)], deleted.Events.OfType<UnreadNotificationsChanged>());

        var followAuthor = await EffectsOf(sp => sp.GetRequiredService<Follows>().AddAsync(fan, author, default));
        Assert.Equal(new HashSet<CardKey> { U(fan), U(author), F(fan) }, followAuthor.Dropped);
        Assert.True(followAuthor.FeedDropped, "the author on the feed page has one more follower");

        var unlike = await EffectsOf(sp => sp.GetRequiredService<Likes>().RemoveAsync(fan, video, default));
        Assert.Equal(new HashSet<CardKey> { V(video), U(author), U(fan), F(fan) }, unlike.Dropped);
        Assert.Equal([new VideoCountsChanged(video, 0, 0)], Plain(unlike.Events));
        Assert.Equal([(author, NotificationChange.Withdrawn)], Told(unlike.Events));

        long published = 0;
        var publish = await EffectsOf(sp => sp.GetRequiredService<Writes>().RunAsync(async w =>
        {
            var v = new Video { AuthorId = author, Title = "new", PlayKey = "videos/x.mp4", CoverKey = MediaKeys.PlaceholderCover, CreatedAt = await w.NextVideoTimeAsync(default) };
            w.Db.Videos.Add(v);
            await w.Db.SaveChangesAsync();
            await w.ShiftAsync<User>(author, u => u.WorkCount, +1, default);
            published = v.Id;
        }, default));
        Assert.Contains(U(author), publish.Dropped);
        var announced = Assert.IsType<VideoPublished>(Assert.Single(publish.Events));
        Assert.Equal((published, author), (announced.VideoId, announced.AuthorId));
        Assert.True(publish.FeedDropped, "a new video is the newest on the feed");

        // A write that touched rows and then refused is rolled back: no card drops, nothing is announced.
        var rolledBack = await EffectsOf(sp => sp.GetRequiredService<Writes>().RunAsync(async w =>
        {
            w.Db.Likes.Add(new Like { UserId = stranger, VideoId = video, CreatedAt = w.Now });
            await w.Db.SaveChangesAsync();
            await w.ShiftAsync<Video>(video, v => v.LikeCount, +1, default);
            throw DomainErrors.CannotFollowSelf();
        }, default));
        Assert.Empty(rolledBack.Dropped);
        Assert.Empty(rolledBack.Events);
        Assert.False(rolledBack.FeedDropped);
        var (rows, count) = await _f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            return (await db.Likes.CountAsync(l => l.VideoId == video), (await db.Videos.AsNoTracking().SingleAsync(v => v.Id == video)).LikeCount);
        });
        Assert.Equal((0, 0L), (rows, count));
    }

    /// <summary>The production memory cache, recording what is dropped.</summary>
    public sealed class RecordingHotCache : IHotCache
    {
        private readonly MemoryHotCache _inner = new(Options.Create(new CacheOptions()));
        private readonly HashSet<CardKey> _dropped = [];

        public IReadOnlySet<CardKey> Dropped { get { lock (_dropped) return _dropped.ToHashSet(); } }

        public void Clear() { lock (_dropped) _dropped.Clear(); }

        public Task<IReadOnlyDictionary<long, T>> GetManyAsync<T>(CardKind kind, IReadOnlyCollection<long> ids,
            Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyDictionary<long, T>>> load, CancellationToken ct) where T : class =>
            _inner.GetManyAsync(kind, ids, load, ct);

        public ValueTask InvalidateAsync(IReadOnlyCollection<CardKey> keys, CancellationToken ct)
        {
            lock (_dropped) _dropped.UnionWith(keys);
            return _inner.InvalidateAsync(keys, ct);
        }
    }
}
