using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tiktok.EndToEnd.Infrastructure;

/// <summary>API.md's objects, field for field: every field present, with its JSON kind; int64 as numbers.</summary>
public static partial class Shapes
{
    public static readonly string[] UserFields =
    [
        "id", "name", "follow_count", "follower_count", "is_follow", "avatar", "background_image", "signature",
        "total_favorited", "work_count", "favorite_count",
    ];

    public static long Int64(JsonElement obj, string name, Reply reply)
    {
        Assert.True(obj.ValueKind == JsonValueKind.Object, reply.Explain($"expected an object holding '{name}', got {obj.ValueKind}"));
        Assert.True(obj.TryGetProperty(name, out var value), reply.Explain($"'{name}' must be present in {Raw(obj)}"));
        Assert.True(value.ValueKind == JsonValueKind.Number, reply.Explain($"'{name}' must be a JSON number (int64), got {value.ValueKind} in {Raw(obj)}"));
        Assert.True(value.TryGetInt64(out var result), reply.Explain($"'{name}' must be an integer, got {value}"));
        return result;
    }

    public static string String(JsonElement obj, string name, Reply reply)
    {
        Assert.True(obj.TryGetProperty(name, out var value), reply.Explain($"'{name}' must be present in {Raw(obj)}"));
        Assert.True(value.ValueKind == JsonValueKind.String, reply.Explain($"'{name}' must be a JSON string, got {value.ValueKind} in {Raw(obj)}"));
        return value.GetString()!;
    }

    public static bool Bool(JsonElement obj, string name, Reply reply)
    {
        Assert.True(obj.TryGetProperty(name, out var value), reply.Explain($"'{name}' must be present in {Raw(obj)}"));
        Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            reply.Explain($"'{name}' must be a JSON boolean, got {value.ValueKind} in {Raw(obj)}"));
        return value.GetBoolean();
    }

    public static JsonElement Object(JsonElement obj, string name, Reply reply)
    {
        Assert.True(obj.TryGetProperty(name, out var value), reply.Explain($"'{name}' must be present in {Raw(obj)}"));
        Assert.True(value.ValueKind == JsonValueKind.Object, reply.Explain($"'{name}' must be a JSON object, got {value.ValueKind}"));
        return value;
    }

    public static void User(JsonElement u, Reply reply, bool zero = false)
    {
        Assert.True(u.ValueKind == JsonValueKind.Object, reply.Explain($"a User must be an object, got {u.ValueKind}"));
        var id = Int64(u, "id", reply);
        String(u, "name", reply);
        foreach (var count in new[] { "follow_count", "follower_count", "total_favorited", "work_count", "favorite_count" })
            Assert.True(Int64(u, count, reply) >= 0 || zero, reply.Explain($"'{count}' must not be negative"));
        Bool(u, "is_follow", reply);
        var avatar = String(u, "avatar", reply);
        var background = String(u, "background_image", reply);
        String(u, "signature", reply);
        if (zero) return;
        Assert.True(id > 0, reply.Explain("a user's id must be positive"));
        AbsoluteUrl(avatar, "avatar", reply);
        AbsoluteUrl(background, "background_image", reply);
    }

    public static void Friend(JsonElement u, Reply reply)
    {
        User(u, reply);
        String(u, "message", reply);
        var type = Int64(u, "msgType", reply);
        Assert.True(type is 0 or 1, reply.Explain($"msgType must be 0 or 1, got {type}"));
        Assert.False(u.TryGetProperty("msg_type", out _), reply.Explain("the friend's field is 'msgType' (camelCase), not 'msg_type'"));
    }

    public static void Video(JsonElement v, Reply reply)
    {
        Assert.True(v.ValueKind == JsonValueKind.Object, reply.Explain($"a Video must be an object, got {v.ValueKind}"));
        Assert.True(Int64(v, "id", reply) > 0, reply.Explain("a video's id must be positive"));
        User(Object(v, "author", reply), reply);
        AbsoluteUrl(String(v, "play_url", reply), "play_url", reply);
        AbsoluteUrl(String(v, "cover_url", reply), "cover_url", reply);
        Assert.True(Int64(v, "favorite_count", reply) >= 0, reply.Explain("favorite_count must not be negative"));
        Assert.True(Int64(v, "comment_count", reply) >= 0, reply.Explain("comment_count must not be negative"));
        Bool(v, "is_favorite", reply);
        String(v, "title", reply);
    }

    public static void Comment(JsonElement c, Reply reply)
    {
        Assert.True(c.ValueKind == JsonValueKind.Object, reply.Explain($"a Comment must be an object, got {c.ValueKind}"));
        Assert.True(Int64(c, "id", reply) > 0, reply.Explain("a comment's id must be positive"));
        User(Object(c, "user", reply), reply);
        String(c, "content", reply);
        var date = String(c, "create_date", reply);
        Assert.True(MonthDay().IsMatch(date), reply.Explain($"create_date must be MM-DD, got '{date}'"));
    }

    public static void Message(JsonElement m, Reply reply)
    {
        Assert.True(m.ValueKind == JsonValueKind.Object, reply.Explain($"a Message must be an object, got {m.ValueKind}"));
        Assert.True(Int64(m, "id", reply) > 0, reply.Explain("a message's id must be positive"));
        Int64(m, "to_user_id", reply);
        Int64(m, "from_user_id", reply);
        String(m, "content", reply);
        var time = Int64(m, "create_time", reply);
        Assert.True(time > 100_000_000_000L, reply.Explain($"create_time must be Unix milliseconds, got {time}"));
    }

    public static void AbsoluteUrl(string url, string field, Reply reply)
    {
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"),
            reply.Explain($"'{field}' must be an absolute http(s) URL, got '{url}'"));
    }

    /// <summary>
    /// The zero-valued fields a refusal from <paramref name="path"/> must carry besides status (API.md: "An error
    /// answer carries the same fields as that endpoint's success answer, zero-valued").
    /// </summary>
    public static void ZeroValued(string path, Reply reply)
    {
        var json = reply.Json;
        var key = path.TrimEnd('/');
        switch (key)
        {
            case "/douyin/feed":
                EmptyList(json, "video_list", reply);
                Assert.True(Int64(json, "next_time", reply) == 0, reply.Explain("next_time must be 0 on refusal"));
                break;
            case "/douyin/user/register" or "/douyin/user/login":
                Assert.True(Int64(json, "user_id", reply) == 0, reply.Explain("user_id must be 0 on refusal"));
                Assert.True(String(json, "token", reply) == "", reply.Explain("token must be \"\" on refusal"));
                break;
            case "/douyin/user":
                ZeroUser(Object(json, "user", reply), reply);
                break;
            case "/douyin/publish/list" or "/douyin/favorite/list":
                EmptyList(json, "video_list", reply);
                break;
            case "/douyin/comment/list":
                EmptyList(json, "comment_list", reply);
                break;
            case "/douyin/comment/action":
                var comment = Object(json, "comment", reply);
                Assert.True(Int64(comment, "id", reply) == 0, reply.Explain("comment.id must be 0 on refusal"));
                ZeroUser(Object(comment, "user", reply), reply);
                Assert.True(String(comment, "content", reply) == "", reply.Explain("comment.content must be \"\" on refusal"));
                Assert.True(String(comment, "create_date", reply) == "", reply.Explain("comment.create_date must be \"\" on refusal"));
                break;
            case "/douyin/relation/follow/list" or "/douyin/relation/follower/list" or "/douyin/relation/friend/list":
                EmptyList(json, "user_list", reply);
                break;
            case "/douyin/message/chat":
                EmptyList(json, "message_list", reply);
                break;
            case "/douyin/publish/action" or "/douyin/favorite/action" or "/douyin/relation/action" or "/douyin/message/action":
                break;
            default:
                throw new ArgumentException($"unknown endpoint {path}");
        }
    }

    private static void ZeroUser(JsonElement u, Reply reply)
    {
        User(u, reply, zero: true);
        foreach (var field in new[] { "id", "follow_count", "follower_count", "total_favorited", "work_count", "favorite_count" })
            Assert.True(u.GetProperty(field).GetInt64() == 0, reply.Explain($"user.{field} must be 0 on refusal"));
        Assert.False(u.GetProperty("is_follow").GetBoolean(), reply.Explain("user.is_follow must be false on refusal"));
        foreach (var field in new[] { "name", "avatar", "background_image", "signature" })
            Assert.True(u.GetProperty(field).GetString() == "", reply.Explain($"user.{field} must be \"\" on refusal"));
    }

    private static void EmptyList(JsonElement json, string name, Reply reply)
    {
        Assert.True(json.TryGetProperty(name, out var list), reply.Explain($"'{name}' must be present (as []) on refusal"));
        Assert.True(list.ValueKind == JsonValueKind.Array && list.GetArrayLength() == 0,
            reply.Explain($"'{name}' must be [] on refusal, got {list.ValueKind}"));
    }

    private static string Raw(JsonElement e) => Douyin.Shorten(e.GetRawText(), 400);

    [GeneratedRegex(@"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    private static partial Regex MonthDay();
}
