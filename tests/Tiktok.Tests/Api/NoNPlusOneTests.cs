using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Accounts;
using Tiktok.Core.Blocks;
using Tiktok.Core.Comments;
using Tiktok.Core.Follows;
using Tiktok.Core.Likes;
using Tiktok.Core.Messages;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Api;

/// <summary>
/// Each list endpoint runs the same number of SQL commands for 1 item as for 30: no per-item
/// queries, whatever the list length (counted with an EF Core command interceptor).
/// </summary>
public sealed class NoNPlusOneTests
{
    private delegate Task<(string Url, string ListField)> Scenario(TiktokFactory f, int items, string viewerToken, long viewerId);

    public static TheoryData<string, string, bool> Lists
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (var database in TestDatabases.Names)
                foreach (var list in new[] { "feed", "publish", "favorite", "comments", "following", "followers", "friends", "chat" })
                    foreach (var blocking in new[] { false, true })
                        data.Add(list, database, blocking);
            return data;
        }
    }

    /// <param name="blocking">the viewer has blocked a user (who published a video): the lists leave blocked users out for them.</param>
    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_costs_the_same_number_of_queries_for_1_and_30_items(string list, string database, bool blocking)
    {
        var scenario = Scenarios[list];
        var one = await MeasureAsync(scenario, 1, database, blocking);
        var thirty = await MeasureAsync(scenario, 30, database, blocking);
        Assert.True(one > 0, "the command counter saw no SQL at all");
        Assert.True(one == thirty,
            $"{list}: {one} SQL commands for 1 item but {thirty} for 30 items: the list loads something per item");
    }

    private static async Task<int> MeasureAsync(Scenario scenario, int items, string database, bool blocking)
    {
        // The cache off: what is measured is the database work of a cold read, which a warm cache would hide.
        using var f = new TiktokFactory(database: database, settings: new() { ["Tiktok:Cache:Enabled"] = "false" });
        try
        {
            var http = f.CreateClient();
            var (viewerId, token) = await http.RegisterAsync();
            if (blocking)
            {
                var blocked = (await f.UsersAsync(1))[0];
                await f.VideosAsync(blocked, 1);
                await f.InScopeAsync(sp => sp.GetRequiredService<Blocks>().AddAsync(viewerId, blocked, default));
            }
            var (url, field) = await scenario(f, items, token, viewerId);
            await http.GetJsonAsync(url); // warm-up: first-use work is not per-item work
            JsonElement answer = default;
            var commands = await f.Commands.CountAsync(async () => answer = await http.GetJsonAsync(url));
            Assert.Equal(0, answer.Status());
            Assert.Equal(items, answer.GetProperty(field).GetArrayLength());
            return commands;
        }
        finally
        {
            f.DeleteData();
        }
    }

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["feed"] = async (f, n, token, viewer) =>
        {
            var authors = await f.UsersAsync(n);
            var videos = new List<long>();
            foreach (var a in authors) videos.AddRange(await f.VideosAsync(a, 1));
            await LikeAsync(f, viewer, videos[0]);
            await FollowAsync(f, viewer, authors[0]);
            return ($"/douyin/feed/?token={token}", "video_list");
        },
        ["publish"] = async (f, n, token, viewer) =>
        {
            var author = (await f.UsersAsync(1))[0];
            var videos = await f.VideosAsync(author, n);
            await LikeAsync(f, viewer, videos[0]);
            return ($"/douyin/publish/list/?user_id={author}&token={token}", "video_list");
        },
        ["favorite"] = async (f, n, token, viewer) =>
        {
            var authors = await f.UsersAsync(n);
            foreach (var a in authors) await LikeAsync(f, viewer, (await f.VideosAsync(a, 1))[0]);
            return ($"/douyin/favorite/list/?token={token}", "video_list");
        },
        ["comments"] = async (f, n, token, viewer) =>
        {
            var video = (await f.VideosAsync((await f.UsersAsync(1))[0], 1))[0];
            foreach (var u in await f.UsersAsync(n))
                await f.InScopeAsync(sp => sp.GetRequiredService<Comments>().AddAsync(u, video, "hello", default));
            return ($"/douyin/comment/list/?video_id={video}&token={token}", "comment_list");
        },
        ["following"] = async (f, n, token, viewer) =>
        {
            foreach (var u in await f.UsersAsync(n)) await FollowAsync(f, viewer, u);
            return ($"/douyin/relation/follow/list/?token={token}", "user_list");
        },
        ["followers"] = async (f, n, token, viewer) =>
        {
            foreach (var u in await f.UsersAsync(n)) await FollowAsync(f, u, viewer);
            return ($"/douyin/relation/follower/list/?token={token}", "user_list");
        },
        ["friends"] = async (f, n, token, viewer) =>
        {
            foreach (var u in await f.UsersAsync(n))
            {
                await FollowAsync(f, u, viewer);
                await FollowAsync(f, viewer, u);
                await f.InScopeAsync(sp => sp.GetRequiredService<Messages>().SendAsync(u, viewer, "hi", default));
            }
            return ($"/douyin/relation/friend/list/?token={token}", "user_list");
        },
        ["chat"] = async (f, n, token, viewer) =>
        {
            var peer = (await f.UsersAsync(1))[0];
            for (var i = 0; i < n; i++)
                await f.InScopeAsync(sp => sp.GetRequiredService<Messages>().SendAsync(i % 2 == 0 ? peer : viewer, i % 2 == 0 ? viewer : peer, $"m{i}", default));
            return ($"/douyin/message/chat/?token={token}&to_user_id={peer}&pre_msg_time=0", "message_list");
        },
    };

    private static Task LikeAsync(TiktokFactory f, long user, long video) =>
        f.InScopeAsync(sp => sp.GetRequiredService<Likes>().AddAsync(user, video, default));

    private static Task FollowAsync(TiktokFactory f, long follower, long followee) =>
        f.InScopeAsync(sp => sp.GetRequiredService<Follows>().AddAsync(follower, followee, default));
}
