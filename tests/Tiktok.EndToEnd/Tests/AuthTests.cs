using System.Net.Http.Headers;
using System.Text;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class AuthTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    /// <summary>Tokens that must be refused: a changed signature, a changed user, no signature, truncation, junk.</summary>
    private static IEnumerable<(string Why, string Token)> Altered(TestUser user, TestUser other)
    {
        var token = user.Token;
        var parts = token.Split('.');
        if (parts.Length == 3)
        {
            var sig = parts[2].ToCharArray();
            var i = sig.Length / 2;
            sig[i] = sig[i] == 'A' ? 'B' : 'A';
            yield return ("signature changed", $"{parts[0]}.{parts[1]}.{new string(sig)}");

            var payload = Encoding.UTF8.GetString(FromBase64Url(parts[1]));
            var forged = payload.Replace($"\"{user.Id}\"", $"\"{other.Id}\"").Replace($":{user.Id},", $":{other.Id},");
            if (forged != payload)
                yield return ("payload names another user, old signature", $"{parts[0]}.{ToBase64Url(Encoding.UTF8.GetBytes(forged))}.{parts[2]}");
            yield return ("alg none", $"{ToBase64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray())}.{parts[1]}.");
        }
        else
        {
            var chars = token.ToCharArray();
            chars[chars.Length / 2] = chars[chars.Length / 2] == 'A' ? 'B' : 'A';
            yield return ("one character changed", new string(chars));
        }
        yield return ("truncated", token[..^5]);
        yield return ("junk", "not-a-token");
    }

    private static byte[] FromBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task Actions_without_a_token_or_with_an_altered_one_are_refused_and_change_nothing()
    {
        var users = await _api.NewUsersAsync(2, "auth");
        var (owner, victim) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(owner, "guarded");
        var comment = (await _api.Post("/douyin/comment/action/", ("token", owner.Token), ("video_id", video),
            ("action_type", 1), ("comment_text", "keep me"))).Ok().Json.GetProperty("comment").GetProperty("id").GetInt64();

        var attempts = new List<(string Why, string? Token, int Code)> { ("no token", null, 2001), ("empty token", "", 2001) };
        attempts.AddRange(Altered(victim, owner).Select(a => (a.Why, (string?)a.Token, 2002)));

        foreach (var (why, token, code) in attempts)
        {
            async Task Refused(Task<Reply> call, string path)
            {
                var reply = await call;
                Assert.True(reply.StatusCode != 0, reply.Explain($"{path} with {why} must be refused"));
                reply.Fails(code);
                Shapes.ZeroValued(path, reply);
            }

            await Refused(_api.Post("/douyin/favorite/action/", ("token", token), ("video_id", video), ("action_type", 1)), "/douyin/favorite/action/");
            await Refused(_api.Post("/douyin/comment/action/", ("token", token), ("video_id", video), ("action_type", 1), ("comment_text", "spam")), "/douyin/comment/action/");
            await Refused(_api.Post("/douyin/comment/action/", ("token", token), ("video_id", video), ("action_type", 2), ("comment_id", comment)), "/douyin/comment/action/");
            await Refused(_api.Post("/douyin/relation/action/", ("token", token), ("to_user_id", owner.Id), ("action_type", 1)), "/douyin/relation/action/");
            await Refused(_api.Post("/douyin/message/action/", ("token", token), ("to_user_id", owner.Id), ("action_type", 1), ("content", "hi")), "/douyin/message/action/");
            await Refused(_api.Publish(token, "intruder", Douyin.SampleMp4), "/douyin/publish/action/");
            await Refused(_api.Get("/douyin/message/chat/", ("token", token), ("to_user_id", owner.Id)), "/douyin/message/chat/");
        }

        var v = (await _api.Get("/douyin/publish/list/", ("user_id", owner.Id))).Ok().Array("video_list");
        Assert.Single(v);
        Assert.Equal(0, v[0].GetProperty("favorite_count").GetInt64());
        Assert.Equal(1, v[0].GetProperty("comment_count").GetInt64());
        Assert.Equal([comment], (await _api.Get("/douyin/comment/list/", ("video_id", video))).Ok().Ids("comment_list"));
        var o = await _api.UserAsync(owner.Id);
        Assert.Equal(0, o.GetProperty("follower_count").GetInt64());
        Assert.Equal(0, o.GetProperty("total_favorited").GetInt64());
        Assert.Equal(1, o.GetProperty("work_count").GetInt64());
        foreach (var u in users)
        {
            var info = await _api.UserAsync(u.Id);
            Assert.Equal(0, info.GetProperty("favorite_count").GetInt64());
            Assert.Equal(0, info.GetProperty("follow_count").GetInt64());
        }
        Assert.Empty(await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", owner.Token), ("to_user_id", victim.Id)));
        Assert.Equal(0, (await _api.UserAsync(victim.Id)).GetProperty("work_count").GetInt64());
    }

    [Fact]
    public async Task Read_endpoints_refuse_a_present_but_invalid_token()
    {
        var users = await _api.NewUsersAsync(2, "rinv");
        var video = await _api.PublishSampleAsync(users[0], "read");
        var reads = new (string Path, (string, object?)[] Query)[]
        {
            ("/douyin/feed/", []),
            ("/douyin/user/", [("user_id", users[0].Id)]),
            ("/douyin/publish/list/", [("user_id", users[0].Id)]),
            ("/douyin/favorite/list/", [("user_id", users[0].Id)]),
            ("/douyin/comment/list/", [("video_id", video)]),
            ("/douyin/relation/follow/list/", [("user_id", users[0].Id)]),
            ("/douyin/relation/follower/list/", [("user_id", users[0].Id)]),
            ("/douyin/relation/friend/list/", [("user_id", users[0].Id)]),
        };
        foreach (var (path, query) in reads)
        {
            (await _api.Get(path, query)).Ok(); // without a token: fine
            foreach (var (why, token) in Altered(users[1], users[0]))
            {
                var reply = await _api.Get(path, [.. query, ("token", token)]);
                Assert.True(reply.StatusCode == 2002, reply.Explain($"{path} with an invalid token ({why}) must be refused with 2002"));
                reply.Fails(2002);
                Shapes.ZeroValued(path, reply);
            }
            var request = new HttpRequestMessage(HttpMethod.Get, _api.Url(path) + Douyin.QueryString(query));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
            (await _api.Send(request)).Fails(2002);
        }
    }

    [Fact]
    public async Task A_bearer_header_works_like_the_token_parameter()
    {
        var users = await _api.NewUsersAsync(2, "bear");
        var (author, fan) = (users[0], users[1]);
        var video = await _api.PublishSampleAsync(author, "bearer");

        HttpRequestMessage Bearer(HttpMethod method, string path, params (string, object?)[] parameters)
        {
            var request = method == HttpMethod.Get
                ? new HttpRequestMessage(method, _api.Url(path) + Douyin.QueryString(parameters))
                : new HttpRequestMessage(method, _api.Url(path)) { Content = Douyin.Form(parameters) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fan.Token);
            return request;
        }

        (await _api.Send(Bearer(HttpMethod.Post, "/douyin/favorite/action/", ("video_id", video), ("action_type", 1)))).Ok();
        (await _api.Send(Bearer(HttpMethod.Post, "/douyin/relation/action/", ("to_user_id", author.Id), ("action_type", 1)))).Ok();
        (await _api.Send(Bearer(HttpMethod.Post, "/douyin/comment/action/", ("video_id", video), ("action_type", 1), ("comment_text", "via header")))).Ok();
        (await _api.Send(Bearer(HttpMethod.Post, "/douyin/message/action/", ("to_user_id", author.Id), ("action_type", 1), ("content", "via header")))).Ok();
        (await _api.Publish(null, "bearer upload", Douyin.SampleMp4,
            tweak: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fan.Token))).Ok();

        var me = (await _api.Send(Bearer(HttpMethod.Get, "/douyin/user/"))).Ok().Json.GetProperty("user");
        Assert.Equal(fan.Id, me.GetProperty("id").GetInt64());
        Assert.Equal(1, me.GetProperty("favorite_count").GetInt64());
        Assert.Equal(1, me.GetProperty("follow_count").GetInt64());
        Assert.Equal(1, me.GetProperty("work_count").GetInt64());

        var viaHeader = (await _api.Send(Bearer(HttpMethod.Get, "/douyin/publish/list/", ("user_id", author.Id)))).Ok();
        var viaParam = (await _api.Get("/douyin/publish/list/", ("user_id", author.Id), ("token", fan.Token))).Ok();
        Assert.Equal(viaParam.Json.GetProperty("video_list").GetRawText(), viaHeader.Json.GetProperty("video_list").GetRawText());
        var v = viaHeader.Array("video_list").Single();
        Assert.True(v.GetProperty("is_favorite").GetBoolean(), viaHeader.Explain("is_favorite for the bearer's user"));
        Assert.True(v.GetProperty("author").GetProperty("is_follow").GetBoolean(), viaHeader.Explain("is_follow for the bearer's user"));
        Assert.Equal(1, v.GetProperty("comment_count").GetInt64());

        var chat = (await _api.Send(Bearer(HttpMethod.Get, "/douyin/message/chat/", ("to_user_id", author.Id)))).Ok();
        Assert.Equal("via header", chat.Array("message_list").Single().GetProperty("content").GetString());
        var liked = (await _api.Send(Bearer(HttpMethod.Get, "/douyin/favorite/list/"))).Ok();
        Assert.Equal([video], liked.Ids("video_list"));
    }

    [Fact]
    public async Task A_token_acts_only_as_its_own_user()
    {
        var users = await _api.NewUsersAsync(3, "own");
        var (a, b, c) = (users[0], users[1], users[2]);
        (await _api.Post("/douyin/relation/action/", ("token", a.Token), ("to_user_id", c.Id), ("action_type", 1))).Ok();
        Assert.Equal(1, (await _api.UserAsync(a.Id)).GetProperty("follow_count").GetInt64());
        Assert.Equal(0, (await _api.UserAsync(b.Id)).GetProperty("follow_count").GetInt64());
        var followers = await _api.ListAsync("/douyin/relation/follower/list/", "user_list", ("user_id", c.Id));
        Assert.Equal([a.Id], followers.Select(u => u.GetProperty("id").GetInt64()));
    }
}
