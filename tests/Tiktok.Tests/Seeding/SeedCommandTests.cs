using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Data;
using Tiktok.Server.Seeding;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Seeding;

/// <summary>
/// The <c>seed</c> command fills whichever database the configuration names (SQLite in the data
/// directory, or PostgreSQL by binary COPY) with the counts asked for and counters that agree with
/// the rows; it refuses a non-empty database without --force; and a server started on the result
/// logs seeded users in and goes on creating rows (the id sequences were moved past the seeded ids).
/// </summary>
public sealed class SeedCommandTests
{
    private const int Users = 20, Videos = 50, Likes = 300, Comments = 40, Follows = 60, Messages = 30;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Seeds_the_configured_database_and_a_server_carries_on_from_it(string database)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        var settings = TestDatabases.Create(database);
        try
        {
            string[] where =
            [
                "--data-dir", dataDir, "--plain", "--Tiktok:PasswordWorkFactor=4", .. settings.Select(s => $"--{s.Key}={s.Value}"),
            ];
            string[] counts =
            [
                "--users", $"{Users}", "--videos", $"{Videos}", "--likes", $"{Likes}", "--comments", $"{Comments}",
                "--follows", $"{Follows}", "--messages", $"{Messages}",
            ];
            Assert.Equal(0, await SeedCommand.RunAsync([.. counts, .. where]));

            // Seeded already: refused without --force, the rows untouched; with --force, seeded afresh.
            Assert.Equal(1, await SeedCommand.RunAsync(["--users", "3", "--videos", "2", .. where]));
            await AssertSeededAsync(dataDir, settings);
            Assert.Equal(0, await SeedCommand.RunAsync([.. counts, .. where, "--force"]));

            using var server = new TiktokFactory(dataDir: dataDir, settings: settings);
            await AssertSeededAsync(server);
            var http = server.CreateClient();

            var firstName = await server.InScopeAsync(sp =>
                sp.GetRequiredService<TiktokDbContext>().Users.Where(u => u.Id == 1).Select(u => u.Name).SingleAsync());
            var login = await http.PostFormAsync("/douyin/user/login/", ("username", firstName), ("password", SeedOptions.DefaultPassword));
            Assert.Equal(0, login.Status());
            Assert.Equal(1, login.GetProperty("user_id").GetInt64());

            // New rows take the next ids, not seeded ones.
            var (newUser, token) = await http.RegisterAsync();
            Assert.Equal(Users + 1, newUser);
            var comment = await http.PostFormAsync("/douyin/comment/action/", ("token", token), ("video_id", "1"),
                ("action_type", "1"), ("comment_text", "after the seed"));
            Assert.Equal(0, comment.Status());
            Assert.Equal(Comments + 1, comment.GetProperty("comment").GetProperty("id").GetInt64());
            var message = await http.PostFormAsync("/douyin/message/action/", ("token", token), ("to_user_id", "1"),
                ("action_type", "1"), ("content", "hello seeded user"));
            Assert.Equal(0, message.Status());

            var likedBefore = await server.InScopeAsync(sp =>
                sp.GetRequiredService<TiktokDbContext>().Videos.Where(v => v.Id == 1).Select(v => v.LikeCount).SingleAsync());
            var like = await http.PostFormAsync("/douyin/favorite/action/", ("token", token), ("video_id", "1"), ("action_type", "1"));
            Assert.Equal(0, like.Status());
            var (likedAfter, messages) = await server.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<TiktokDbContext>();
                return (await db.Videos.Where(v => v.Id == 1).Select(v => v.LikeCount).SingleAsync(),
                        await db.Messages.CountAsync());
            });
            Assert.Equal(likedBefore + 1, likedAfter);
            Assert.Equal(Messages + 1, messages);
        }
        finally
        {
            TestDatabases.Drop(settings);
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task AssertSeededAsync(string dataDir, Dictionary<string, string?> settings)
    {
        using var server = new TiktokFactory(dataDir: dataDir, settings: settings);
        await AssertSeededAsync(server);
    }

    private static Task AssertSeededAsync(TiktokFactory server) => server.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TiktokDbContext>();
        Assert.Equal(
            (Users, Videos, Likes, Comments, Follows, Messages),
            (await db.Users.CountAsync(), await db.Videos.CountAsync(), await db.Likes.CountAsync(),
             await db.Comments.CountAsync(), await db.Follows.CountAsync(), await db.Messages.CountAsync()));

        // Every denormalised counter adds up to its rows...
        Assert.Equal(Likes, await db.Videos.SumAsync(v => v.LikeCount));
        Assert.Equal(Likes, await db.Users.SumAsync(u => u.LikeCount));
        Assert.Equal(Likes, await db.Users.SumAsync(u => u.LikesReceived));
        Assert.Equal(Videos, await db.Users.SumAsync(u => u.WorkCount));
        Assert.Equal(Follows, await db.Users.SumAsync(u => u.FollowCount));
        Assert.Equal(Follows, await db.Users.SumAsync(u => u.FollowerCount));
        Assert.Equal(Comments, await db.Videos.SumAsync(v => v.CommentCount));

        // ...and agrees row by row.
        Assert.Equal(0, await db.Users.CountAsync(u =>
            u.FollowCount != db.Follows.Count(f => f.FollowerId == u.Id) ||
            u.FollowerCount != db.Follows.Count(f => f.FolloweeId == u.Id) ||
            u.WorkCount != db.Videos.Count(v => v.AuthorId == u.Id) ||
            u.LikeCount != db.Likes.Count(l => l.UserId == u.Id) ||
            u.LikesReceived != (db.Videos.Where(v => v.AuthorId == u.Id).Sum(v => (long?)v.LikeCount) ?? 0)));
        Assert.Equal(0, await db.Videos.CountAsync(v =>
            v.LikeCount != db.Likes.Count(l => l.VideoId == v.Id) ||
            v.CommentCount != db.Comments.Count(c => c.VideoId == v.Id)));
        Assert.Equal(0, await db.Follows.CountAsync(f => f.FollowerId == f.FolloweeId));
    });
}
