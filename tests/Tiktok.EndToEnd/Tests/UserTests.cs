using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

[Collection(ServerCollection.Name)]
public sealed class UserTests(ServerFixture fixture)
{
    private readonly Douyin _api = new(fixture);

    [Fact]
    public async Task Register_answers_id_and_token_and_a_fresh_user_has_every_field_zero_valued()
    {
        var name = Douyin.UniqueName("reg");
        var reply = (await _api.Post("/douyin/user/register/", ("username", name), ("password", "secret-1"))).Ok();
        var id = reply.Int64("user_id");
        var token = Shapes.String(reply.Json, "token", reply);
        Assert.True(id > 0 && token.Length > 0, reply.Explain("register must answer user_id and token"));

        var info = (await _api.Get("/douyin/user/", ("user_id", id), ("token", token))).Ok();
        var user = Shapes.Object(info.Json, "user", info);
        Shapes.User(user, info);
        Assert.Equal(id, user.GetProperty("id").GetInt64());
        Assert.Equal(name, user.GetProperty("name").GetString());
        foreach (var count in new[] { "follow_count", "follower_count", "total_favorited", "work_count", "favorite_count" })
            Assert.True(user.GetProperty(count).GetInt64() == 0, info.Explain($"a new user's {count} must be 0"));
        Assert.False(user.GetProperty("is_follow").GetBoolean(), info.Explain("nobody follows themself"));
    }

    [Fact]
    public async Task Login_answers_the_same_user_and_a_working_token()
    {
        var user = await _api.NewUserAsync("login");
        var reply = (await _api.Post("/douyin/user/login/", ("username", user.Name), ("password", user.Password))).Ok();
        Assert.Equal(user.Id, reply.Int64("user_id"));
        var token = Shapes.String(reply.Json, "token", reply);
        var me = await _api.UserAsync(0, token);
        Assert.Equal(user.Id, me.GetProperty("id").GetInt64());

        (await _api.Post("/douyin/user/login/", ("username", user.Name), ("password", user.Password + "x"))).Fails(2004);
        (await _api.Post("/douyin/user/login/", ("username", Douyin.UniqueName("nobody")), ("password", user.Password))).Fails(2004);
    }

    [Fact]
    public async Task Register_refuses_a_taken_name()
    {
        var user = await _api.NewUserAsync("dup");
        var again = await _api.Post("/douyin/user/register/", ("username", user.Name), ("password", "another-pw"));
        again.Fails(2003);
        Shapes.ZeroValued("/douyin/user/register/", again);
        // The original password still logs in: the refused sign-up changed nothing.
        (await _api.Post("/douyin/user/login/", ("username", user.Name), ("password", user.Password))).Ok();
    }

    [Fact]
    public async Task Names_and_passwords_at_their_limits_are_accepted()
    {
        var name = Douyin.UniqueName("max").PadRight(32, 'z')[..32];
        var password = new string('p', 32);
        var reply = (await _api.Post("/douyin/user/register/", ("username", name), ("password", password))).Ok();
        (await _api.Post("/douyin/user/login/", ("username", name), ("password", password))).Ok();
        var shortPw = (await _api.Post("/douyin/user/register/", ("username", Douyin.UniqueName("min")), ("password", "123456"))).Ok();
        Assert.NotEqual(reply.Int64("user_id"), shortPw.Int64("user_id"));
    }

    [Fact]
    public async Task Concurrent_sign_ups_for_one_name_let_exactly_one_through()
    {
        var name = Douyin.UniqueName("race");
        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _api.Post("/douyin/user/register/", ("username", name), ("password", $"secret-{i}"))));
        Assert.True(replies.Count(r => r.StatusCode == 0) == 1,
            string.Join("\n", replies.Select(r => r.Body)) + "\nexactly one sign-up may succeed");
        foreach (var r in replies.Where(r => r.StatusCode != 0)) r.Fails(2003);
    }

    [Fact]
    public async Task Unicode_names_count_characters_not_bytes()
    {
        var name = ("用户" + Guid.NewGuid().ToString("N")).PadRight(32, '名')[..32]; // 32 characters, more than 32 bytes
        var reply = (await _api.Post("/douyin/user/register/", ("username", name), ("password", "密码密码密码"))).Ok();
        (await _api.Post("/douyin/user/login/", ("username", name), ("password", "密码密码密码"))).Ok();
        Assert.Equal(name, (await _api.UserAsync(reply.Int64("user_id"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task User_info_without_user_id_or_with_0_means_the_tokens_user()
    {
        var user = await _api.NewUserAsync("self");
        foreach (var query in new (string, object?)[][] { [("token", user.Token)], [("token", user.Token), ("user_id", 0)] })
        {
            var reply = (await _api.Get("/douyin/user/", query)).Ok();
            var u = Shapes.Object(reply.Json, "user", reply);
            Shapes.User(u, reply);
            Assert.True(u.GetProperty("id").GetInt64() == user.Id, reply.Explain("a missing or 0 user_id means the token's user"));
            Assert.Equal(user.Name, u.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task User_info_of_someone_else_works_with_and_without_token()
    {
        var (viewer, other) = await Pair();
        var anonymous = (await _api.Get("/douyin/user/", ("user_id", other.Id))).Ok();
        Assert.Equal(other.Name, anonymous.Json.GetProperty("user").GetProperty("name").GetString());
        Assert.False(anonymous.Json.GetProperty("user").GetProperty("is_follow").GetBoolean());
        var seen = await _api.UserAsync(other.Id, viewer.Token);
        Assert.Equal(other.Id, seen.GetProperty("id").GetInt64());
    }

    private async Task<(TestUser, TestUser)> Pair()
    {
        var users = await _api.NewUsersAsync(2, "info");
        return (users[0], users[1]);
    }
}
