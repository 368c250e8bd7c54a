using System.Text;
using System.Text.RegularExpressions;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

/// <summary>
/// Bad inputs per endpoint, with the code from src/Core/Errors/ErrorCode.cs. Every refusal is HTTP 200, JSON with
/// status_code/status_msg and the endpoint's other fields zero-valued. Placeholders: {token} (Alice's), {alice},
/// {bob} (user ids), {video} (Alice's), {comment} (Alice's, on it), {alice_name}, {x:N} (N times 'x'),
/// {sp:N} (N spaces), {ctl} (a control character), {none} (an id nobody has). GET sends a query string, POST an urlencoded form, MULTI a
/// multipart publish whose data is @video, @text or @empty (no data field: no file part).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class BadInputTests(ServerFixture fixture)
{
    private const string Feed = "/douyin/feed/", Register = "/douyin/user/register/", Login = "/douyin/user/login/",
        UserInfo = "/douyin/user/", Publish = "/douyin/publish/action/", PublishList = "/douyin/publish/list/",
        Fav = "/douyin/favorite/action/", FavList = "/douyin/favorite/list/", Cmt = "/douyin/comment/action/",
        CmtList = "/douyin/comment/list/", Rel = "/douyin/relation/action/", Follows = "/douyin/relation/follow/list/",
        Followers = "/douyin/relation/follower/list/", Friends = "/douyin/relation/friend/list/",
        Chat = "/douyin/message/chat/", Msg = "/douyin/message/action/";

    private const int Missing = 1001, NaN = 1002, Range = 1003, TooLong = 1004, Invalid = 1005, TooShort = 1006,
        NoToken = 2001, BadToken = 2002, Taken = 2003, Credentials = 2004,
        NoUser = 3001, NoVideo = 3002, NoComment = 3003, NotAuthor = 4001, Self = 4002, SelfMessage = 4003,
        NoUpload = 5001, NotVideo = 5003;

    private readonly Douyin _api = new(fixture);

    [Theory]
    // feed
    [InlineData("GET", Feed, "latest_time=abc", NaN)]
    [InlineData("GET", Feed, "latest_time=1.5", NaN)]
    [InlineData("GET", Feed, "latest_time=-1", Range)]
    [InlineData("GET", Feed, "latest_time=200000000000000000", Range)]
    [InlineData("GET", Feed, "latest_time=99999999999999999999999", NaN)]
    [InlineData("GET", Feed, "token=garbage", BadToken)]
    // register
    [InlineData("POST", Register, "password=secret-1", Missing)]
    [InlineData("POST", Register, "username={x:20}", Missing)]
    [InlineData("POST", Register, "username=&password=secret-1", Missing)]
    [InlineData("POST", Register, "username={x:33}&password=secret-1", TooLong)]
    [InlineData("POST", Register, "username=new{x:20}&password={x:33}", TooLong)]
    [InlineData("POST", Register, "username=new{x:20}&password=12345", TooShort)]
    [InlineData("POST", Register, "username={sp:1}lead{x:10}&password=secret-1", Invalid)]
    [InlineData("POST", Register, "username={alice_name}&password=secret-1", Taken)]
    [InlineData("POST", Register, "username=ctl{ctl}{x:10}&password=secret-1", Invalid)]
    // login
    [InlineData("POST", Login, "password=secret-1", Missing)]
    [InlineData("POST", Login, "username={alice_name}", Missing)]
    [InlineData("POST", Login, "username={alice_name}&password=wrong-password", Credentials)]
    [InlineData("POST", Login, "username=nobody{x:20}&password=secret-1", Credentials)]
    [InlineData("POST", Login, "username={x:33}&password=secret-1", TooLong)]
    // user
    [InlineData("GET", UserInfo, "", Missing)]
    [InlineData("GET", UserInfo, "user_id=abc", NaN)]
    [InlineData("GET", UserInfo, "user_id=-5", Range)]
    [InlineData("GET", UserInfo, "user_id={none}", NoUser)]
    [InlineData("GET", UserInfo, "user_id={alice}&token=garbage", BadToken)]
    // publish
    [InlineData("MULTI", Publish, "title=t&data=@video", NoToken)]
    [InlineData("MULTI", Publish, "token=garbage&title=t&data=@video", BadToken)]
    [InlineData("MULTI", Publish, "token={token}&title=t", NoUpload)]
    [InlineData("MULTI", Publish, "token={token}&title=t&data=@empty", NoUpload)]
    [InlineData("MULTI", Publish, "token={token}&title=t&data=@text", NotVideo)]
    [InlineData("MULTI", Publish, "token={token}&title={x:101}&data=@video", TooLong)]
    [InlineData("MULTI", Publish, "token={token}&title=a{ctl}b&data=@video", Invalid)]
    [InlineData("POST", Publish, "token={token}&title=t", Invalid)]
    // publish list
    [InlineData("GET", PublishList, "", Missing)]
    [InlineData("GET", PublishList, "user_id=abc", NaN)]
    [InlineData("GET", PublishList, "user_id=-1", Range)]
    [InlineData("GET", PublishList, "user_id={none}", NoUser)]
    [InlineData("GET", PublishList, "user_id={alice}&token=garbage", BadToken)]
    // favorite action
    [InlineData("POST", Fav, "video_id={video}&action_type=1", NoToken)]
    [InlineData("POST", Fav, "token=garbage&video_id={video}&action_type=1", BadToken)]
    [InlineData("POST", Fav, "token={token}&action_type=1", Missing)]
    [InlineData("POST", Fav, "token={token}&video_id=abc&action_type=1", NaN)]
    [InlineData("POST", Fav, "token={token}&video_id=-3&action_type=1", Range)]
    [InlineData("POST", Fav, "token={token}&video_id={none}&action_type=1", NoVideo)]
    [InlineData("POST", Fav, "token={token}&video_id={video}", Missing)]
    [InlineData("POST", Fav, "token={token}&video_id={video}&action_type=x", NaN)]
    [InlineData("POST", Fav, "token={token}&video_id={video}&action_type=0", Range)]
    [InlineData("POST", Fav, "token={token}&video_id={video}&action_type=3", Range)]
    [InlineData("POST", Fav, "token={token}&video_id={video}&action_type=-1", Range)]
    [InlineData("POST", Fav, "token={token}&video_id={video}&action_type=4294967297", Range)]
    // favorite list
    [InlineData("GET", FavList, "", Missing)]
    [InlineData("GET", FavList, "user_id=abc", NaN)]
    [InlineData("GET", FavList, "user_id={none}", NoUser)]
    [InlineData("GET", FavList, "user_id={alice}&token=garbage", BadToken)]
    // comment action
    [InlineData("POST", Cmt, "video_id={video}&action_type=1&comment_text=hi", NoToken)]
    [InlineData("POST", Cmt, "token=garbage&video_id={video}&action_type=1&comment_text=hi", BadToken)]
    [InlineData("POST", Cmt, "token={token}&action_type=1&comment_text=hi", Missing)]
    [InlineData("POST", Cmt, "token={token}&video_id=abc&action_type=1&comment_text=hi", NaN)]
    [InlineData("POST", Cmt, "token={token}&video_id={none}&action_type=1&comment_text=hi", NoVideo)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&comment_text=hi", Missing)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=3&comment_text=hi", Range)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=1", Missing)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=1&comment_text={sp:3}", Invalid)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=1&comment_text={x:501}", TooLong)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=1&comment_text=a{ctl}b", Invalid)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=2", Missing)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=2&comment_id=abc", NaN)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=2&comment_id=-1", Range)]
    [InlineData("POST", Cmt, "token={token}&video_id={video}&action_type=2&comment_id={none}", NoComment)]
    [InlineData("POST", Cmt, "token={bob_token}&video_id={video}&action_type=2&comment_id={comment}", NotAuthor)]
    // comment list
    [InlineData("GET", CmtList, "", Missing)]
    [InlineData("GET", CmtList, "video_id=abc", NaN)]
    [InlineData("GET", CmtList, "video_id=-1", Range)]
    [InlineData("GET", CmtList, "video_id={none}", NoVideo)]
    [InlineData("GET", CmtList, "video_id={video}&token=garbage", BadToken)]
    // relation action
    [InlineData("POST", Rel, "to_user_id={bob}&action_type=1", NoToken)]
    [InlineData("POST", Rel, "token=garbage&to_user_id={bob}&action_type=1", BadToken)]
    [InlineData("POST", Rel, "token={token}&action_type=1", Missing)]
    [InlineData("POST", Rel, "token={token}&to_user_id=abc&action_type=1", NaN)]
    [InlineData("POST", Rel, "token={token}&to_user_id=-2&action_type=1", Range)]
    [InlineData("POST", Rel, "token={token}&to_user_id={none}&action_type=1", NoUser)]
    [InlineData("POST", Rel, "token={token}&to_user_id={alice}&action_type=1", Self)]
    [InlineData("POST", Rel, "token={token}&to_user_id={bob}", Missing)]
    [InlineData("POST", Rel, "token={token}&to_user_id={bob}&action_type=0", Range)]
    [InlineData("POST", Rel, "token={token}&to_user_id={bob}&action_type=abc", NaN)]
    // relation lists
    [InlineData("GET", Follows, "", Missing)]
    [InlineData("GET", Follows, "user_id=abc", NaN)]
    [InlineData("GET", Follows, "user_id={none}", NoUser)]
    [InlineData("GET", Follows, "user_id={alice}&token=garbage", BadToken)]
    [InlineData("GET", Followers, "", Missing)]
    [InlineData("GET", Followers, "user_id=-1", Range)]
    [InlineData("GET", Followers, "user_id={none}", NoUser)]
    [InlineData("GET", Followers, "user_id={alice}&token=garbage", BadToken)]
    [InlineData("GET", Friends, "", Missing)]
    [InlineData("GET", Friends, "user_id=abc", NaN)]
    [InlineData("GET", Friends, "user_id={none}", NoUser)]
    [InlineData("GET", Friends, "user_id={alice}&token=garbage", BadToken)]
    // chat
    [InlineData("GET", Chat, "to_user_id={bob}", NoToken)]
    [InlineData("GET", Chat, "token=garbage&to_user_id={bob}", BadToken)]
    [InlineData("GET", Chat, "token={token}", Missing)]
    [InlineData("GET", Chat, "token={token}&to_user_id=abc", NaN)]
    [InlineData("GET", Chat, "token={token}&to_user_id={none}", NoUser)]
    [InlineData("GET", Chat, "token={token}&to_user_id={bob}&pre_msg_time=abc", NaN)]
    [InlineData("GET", Chat, "token={token}&to_user_id={bob}&pre_msg_time=-1", Range)]
    // message action
    [InlineData("POST", Msg, "to_user_id={bob}&action_type=1&content=hi", NoToken)]
    [InlineData("POST", Msg, "token=garbage&to_user_id={bob}&action_type=1&content=hi", BadToken)]
    [InlineData("POST", Msg, "token={token}&action_type=1&content=hi", Missing)]
    [InlineData("POST", Msg, "token={token}&to_user_id=abc&action_type=1&content=hi", NaN)]
    [InlineData("POST", Msg, "token={token}&to_user_id={none}&action_type=1&content=hi", NoUser)]
    [InlineData("POST", Msg, "token={token}&to_user_id={alice}&action_type=1&content=hi", SelfMessage)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&content=hi", Missing)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&action_type=2&content=hi", Range)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&action_type=1", Missing)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&action_type=1&content={sp:2}", Invalid)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&action_type=1&content={x:1001}", TooLong)]
    [InlineData("POST", Msg, "token={token}&to_user_id={bob}&action_type=1&content=a{ctl}b", Invalid)]
    public async Task Bad_input_is_refused_with_its_code_and_a_zero_valued_answer(string method, string path, string parameters, int code)
    {
        var world = await fixture.SharedWorldAsync();
        var pairs = Expand(parameters, world);
        var reply = method switch
        {
            "GET" => await _api.Get(path, pairs),
            "POST" => await _api.Post(path, pairs),
            "MULTI" => await Multipart(path, pairs),
            _ => throw new ArgumentException(method),
        };
        reply.Fails(code);
        Shapes.ZeroValued(path, reply);

        // Nothing the shared world holds was changed by the refusal.
        var videos = (await _api.Get("/douyin/publish/list/", ("user_id", world.Alice.Id))).Ok().Array("video_list");
        Assert.True(videos.Count == 1, reply.Explain("a refused request must not publish"));
        Assert.Equal(0, videos[0].GetProperty("favorite_count").GetInt64());
        Assert.Equal(1, videos[0].GetProperty("comment_count").GetInt64());
        var alice = await _api.UserAsync(world.Alice.Id);
        Assert.Equal(0, alice.GetProperty("follow_count").GetInt64());
        Assert.Equal(0, alice.GetProperty("follower_count").GetInt64());
        Assert.Equal(0, alice.GetProperty("favorite_count").GetInt64());
        Assert.Empty(await _api.ListAsync("/douyin/message/chat/", "message_list", ("token", world.Alice.Token), ("to_user_id", world.Bob.Id)));
    }

    private static (string, object?)[] Expand(string parameters, World world)
    {
        string Fill(string s) => Placeholder().Replace(s, m => m.Groups[1].Value switch
        {
            "token" => world.Alice.Token,
            "bob_token" => world.Bob.Token,
            "alice" => world.Alice.Id.ToString(),
            "bob" => world.Bob.Id.ToString(),
            "video" => world.VideoId.ToString(),
            "comment" => world.CommentId.ToString(),
            "alice_name" => world.Alice.Name,
            "none" => "9000000000000000000",
            "x" => new string('x', int.Parse(m.Groups[2].Value)),
            "sp" => new string(' ', int.Parse(m.Groups[2].Value)),
            "ctl" => "\u0001",
            var other => throw new ArgumentException($"unknown placeholder {other}"),
        });
        return parameters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(kv => (kv[0], (object?)Fill(kv.Length > 1 ? kv[1] : "")))
            .ToArray();
    }

    private Task<Reply> Multipart(string path, (string Name, object? Value)[] pairs)
    {
        string? Field(string name) => pairs.Where(p => p.Name == name).Select(p => (string?)p.Value).FirstOrDefault();
        var data = Field("data") switch
        {
            null => null,
            "@video" => Douyin.SampleMp4,
            "@empty" => [],
            "@text" => Encoding.UTF8.GetBytes("plain text, not a video\n"),
            var other => throw new ArgumentException($"unknown data {other}"),
        };
        return _api.Publish(Field("token"), Field("title"), data, Field("data") == "@text" ? "notes.txt" : "clip.mp4",
            Field("data") == "@text" ? "text/plain" : "video/mp4", path);
    }

    [GeneratedRegex(@"\{([a-z_]+)(?::(\d+))?\}")]
    private static partial Regex Placeholder();
}
