using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;

namespace Tiktok.Tests.Infrastructure;

/// <summary>Rows written straight through the DbContext, for tests about reading them back.</summary>
public static class Seed
{
    private static long _clock = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 10_000_000;

    public static long NextTime() => Interlocked.Add(ref _clock, 7);

    public static Task<List<long>> UsersAsync(this TiktokFactory f, int count) => f.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TiktokDbContext>();
        var users = Enumerable.Range(0, count).Select(_ => new User
        {
            Name = "s" + Guid.NewGuid().ToString("N")[..20],
            PasswordHash = "x",
            CreatedAt = NextTime(),
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        // Written around the domain's Writes: move the data version the way Writes would.
        await sp.GetRequiredService<DataVersion>().BumpAsync(default);
        return users.Select(u => u.Id).ToList();
    });

    public static Task<List<long>> VideosAsync(this TiktokFactory f, long authorId, int count) => f.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TiktokDbContext>();
        var videos = Enumerable.Range(0, count).Select(i => new Video
        {
            AuthorId = authorId,
            Title = $"video {i}",
            PlayKey = "videos/test/clip.mp4",
            CoverKey = MediaKeys.PlaceholderCover,
            CreatedAt = NextTime(),
        }).ToList();
        db.Videos.AddRange(videos);
        await db.SaveChangesAsync();
        var author = await db.Users.FindAsync(authorId);
        author!.WorkCount += count;
        await db.SaveChangesAsync();
        // Written around the domain's Writes, so drop the author's cached row the way Writes would.
        await sp.GetRequiredService<IHotCache>().InvalidateAsync([CardKey.User(authorId)], default);
        await sp.GetRequiredService<DataVersion>().BumpAsync(default);
        return videos.Select(v => v.Id).ToList();
    });
}
