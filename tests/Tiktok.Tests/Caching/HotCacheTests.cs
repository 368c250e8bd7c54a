using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Server.ScaleOut;
using Tiktok.Tests.ScaleOut;

namespace Tiktok.Tests.Caching;

/// <summary>
/// The hot-read cache's promises, checked on both implementations: in memory (one instance) and in
/// Redis (shared; <c>TIKTOK_TEST_REDIS</c>, required under CI).
/// </summary>
public sealed class HotCacheTests
{
    public sealed record Card(long Id, long Count);

    public static TheoryData<string> Kinds =>
        RedisTest.Configuration is not null || RedisTest.UnderCi ? new("memory", "redis") : new("memory");

    private static readonly CacheOptions Options = new()
    {
        EntryLifetime = TimeSpan.FromMinutes(1),
        LeaseDuration = TimeSpan.FromSeconds(5),
        FillWait = TimeSpan.FromSeconds(2),
    };

    internal static async Task<(IHotCache Cache, IAsyncDisposable Owner)> CreateAsync(string kind, string? redisConfiguration = null, CacheOptions? options = null)
    {
        var settings = Microsoft.Extensions.Options.Options.Create(options ?? Options);
        if (kind == "memory")
        {
            var memory = new MemoryHotCache(settings);
            return (memory, new Disposer(() => { }));
        }
        var connection = new RedisConnection(
            new RedisOptions { Configuration = redisConfiguration ?? RedisTest.Require(), Prefix = RedisTest.NewPrefix() },
            NullLogger<RedisConnection>.Instance);
        if (redisConfiguration is null) await connection.ConnectedAsync();
        return (new RedisHotCache(connection, settings), connection);
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A loader over a mutable "database" that counts what it was asked for.</summary>
    private sealed class Rows
    {
        public readonly Dictionary<long, long> Counts = new();
        public int Loads;
        public int LoadedIds;
        public Func<Task>? Pause;

        public async Task<IReadOnlyDictionary<long, Card>> LoadAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
        {
            Interlocked.Increment(ref Loads);
            Interlocked.Add(ref LoadedIds, ids.Count);
            Dictionary<long, Card> snapshot;
            lock (Counts) snapshot = ids.Where(Counts.ContainsKey).ToDictionary(id => id, id => new Card(id, Counts[id]));
            if (Pause is { } pause) await pause();
            return snapshot;
        }
    }

    private static Task<IReadOnlyDictionary<long, Card>> Get(IHotCache cache, Rows rows, params long[] ids) =>
        cache.GetManyAsync<Card>(CardKind.User, ids, rows.LoadAsync, default);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_miss_is_loaded_once_and_then_served_from_the_cache(string kind)
    {
        var (cache, owner) = await CreateAsync(kind);
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[1] = 10;
        rows.Counts[2] = 20;

        Assert.Equal(new Card(1, 10), (await Get(cache, rows, 1, 2))[1]);
        var second = await Get(cache, rows, 1, 2);
        Assert.Equal([new Card(1, 10), new Card(2, 20)], second.OrderBy(p => p.Key).Select(p => p.Value));
        Assert.Equal(1, rows.Loads);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_unknown_id_is_absent_and_not_remembered(string kind)
    {
        var (cache, owner) = await CreateAsync(kind);
        await using var _ = owner;
        var rows = new Rows();

        Assert.Empty(await Get(cache, rows, 404));
        lock (rows.Counts) rows.Counts[404] = 1; // created meanwhile
        Assert.Equal(new Card(404, 1), (await Get(cache, rows, 404))[404]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task An_invalidated_entry_is_read_again(string kind)
    {
        var (cache, owner) = await CreateAsync(kind);
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[7] = 1;
        await Get(cache, rows, 7);

        lock (rows.Counts) rows.Counts[7] = 2; // the commit
        await cache.InvalidateAsync([CardKey.User(7)], default);

        Assert.Equal(2, (await Get(cache, rows, 7))[7].Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_value_read_before_a_commit_is_not_stored_after_its_invalidation(string kind)
    {
        var (cache, owner) = await CreateAsync(kind);
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[5] = 1;
        var loaded = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        rows.Pause = async () => { loaded.TrySetResult(); await release.Task; };

        // A reader has read count 1 from the database but not yet stored it...
        var slowReader = Get(cache, rows, 5);
        await loaded.Task;
        // ...when a writer commits count 2 and invalidates.
        lock (rows.Counts) rows.Counts[5] = 2;
        rows.Pause = null;
        await cache.InvalidateAsync([CardKey.User(5)], default);
        release.SetResult();
        Assert.Equal(1, (await slowReader)[5].Count); // what that reader saw is its own business

        // Nobody after the invalidation may see the old count.
        Assert.Equal(2, (await Get(cache, rows, 5))[5].Count);
        Assert.Equal(2, (await Get(cache, rows, 5))[5].Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Readers_missing_the_same_entry_at_once_run_one_load(string kind)
    {
        var (cache, owner) = await CreateAsync(kind);
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[9] = 3;
        rows.Pause = () => Task.Delay(150);

        var readers = Enumerable.Range(0, 25).Select(_ => Task.Run(() => Get(cache, rows, 9))).ToList();
        var answers = await Task.WhenAll(readers);

        Assert.All(answers, a => Assert.Equal(3, a[9].Count));
        Assert.Equal(1, rows.Loads);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_writer_never_reads_its_own_write_undone_under_concurrent_readers(string kind)
    {
        var (cache, owner) = await CreateAsync(kind, options: new CacheOptions
        {
            EntryLifetime = TimeSpan.FromMinutes(1),
            LeaseDuration = TimeSpan.FromSeconds(5),
            FillWait = TimeSpan.FromMilliseconds(50),
        });
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[1] = 0;
        // Readers take a moment between reading the row and storing it: the window a stale fill needs.
        rows.Pause = () => Task.Delay(Random.Shared.Next(0, 3));
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await Get(cache, rows, 1);
        })).ToList();

        for (var count = 1; count <= 150; count++)
        {
            lock (rows.Counts) rows.Counts[1] = count; // commit
            await cache.InvalidateAsync([CardKey.User(1)], default); // before the answer
            var seen = (await Get(cache, rows, 1))[1].Count; // the writer reads back
            Assert.True(seen >= count, $"wrote {count}, then read {seen}");
        }
        stop.Cancel();
        await Task.WhenAll(readers);
    }

    [Fact]
    public async Task The_memory_cache_stays_within_its_size_and_keeps_what_is_read_often()
    {
        var cache = new MemoryHotCache(Microsoft.Extensions.Options.Options.Create(new CacheOptions { MemoryEntries = 100 }));
        var rows = new Rows();
        for (long id = 1; id <= 1000; id++) rows.Counts[id] = id;
        for (long id = 1; id <= 1000; id++)
        {
            await Get(cache, rows, id);
            await Get(cache, rows, 1); // a hot entry
            Assert.True(cache.Count <= 100 + 1, $"{cache.Count} entries after {id} reads, limit 100");
        }
        var loads = rows.Loads;
        Assert.Equal(1, (await Get(cache, rows, 1))[1].Count);
        Assert.Equal(loads, rows.Loads); // the hot entry was never evicted
        Assert.Equal(1000, (await Get(cache, rows, 1000))[1000].Count);
        Assert.Equal(loads, rows.Loads); // nor the newest
    }

    [Fact]
    public async Task With_Redis_unreachable_reads_come_from_the_loader_and_nothing_throws()
    {
        // A port nobody listens on.
        var (cache, owner) = await CreateAsync("redis", "127.0.0.1:1,connectTimeout=200");
        await using var _ = owner;
        var rows = new Rows();
        rows.Counts[3] = 4;

        Assert.Equal(4, (await Get(cache, rows, 3))[3].Count);
        await cache.InvalidateAsync([CardKey.User(3)], default);
        Assert.Equal(4, (await Get(cache, rows, 3))[3].Count);
        Assert.Equal(2, rows.Loads);
    }

    [RedisFact]
    public async Task An_invalidation_Redis_missed_is_sent_before_this_instance_reads_the_cache_again()
    {
        OwnRedisServer.Require(); // a server of its own, stopped and restarted from its append-only file
        var dir = Directory.CreateTempSubdirectory("tiktok-redis-aof").FullName;
        using var server = new OwnRedisServer(dir);
        await server.StartAsync();
        var connection = new RedisConnection(
            new RedisOptions { Configuration = server.Configuration + ",connectTimeout=500", Prefix = RedisTest.NewPrefix() },
            NullLogger<RedisConnection>.Instance);
        await using var __ = connection;
        await connection.ConnectedAsync();
        var cache = new RedisHotCache(connection, Microsoft.Extensions.Options.Options.Create(Options));
        var rows = new Rows();
        rows.Counts[8] = 1;
        await Get(cache, rows, 8); // cached: count 1, kept across the restart (append-only file)

        server.Stop();
        lock (rows.Counts) rows.Counts[8] = 2;
        await cache.InvalidateAsync([CardKey.User(8)], default); // fails: owed
        Assert.Equal(2, (await Get(cache, rows, 8))[8].Count); // Redis down: from the database

        await server.StartAsync();
        var reconnected = false;
        for (var i = 0; i < 100 && !reconnected; i++)
        {
            reconnected = connection.Database is { } db && db.Multiplexer.IsConnected;
            if (!reconnected) await Task.Delay(100);
        }
        Assert.True(reconnected, "the connection did not come back");
        // The stale entry survived in Redis; this instance sends its owed invalidation first.
        Assert.Equal(2, (await Get(cache, rows, 8))[8].Count);
        Assert.Equal(2, (await Get(cache, rows, 8))[8].Count);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
