using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Edge;

/// <summary>
/// One integer rule for every REST id, time and action_type parameter, the same in the query
/// string and in the form: trailing NUL, whitespace, '+', exponent, overflow are refused with the
/// parameter named, a negative value is out of range, leading zeros are digits. On SQLite and PostgreSQL.
/// </summary>
public abstract class ParameterRuleTests(EdgeHost host)
{
    public sealed class Sqlite(EdgeHost.Sqlite host) : ParameterRuleTests(host), IClassFixture<EdgeHost.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(EdgeHost.Postgres host) : ParameterRuleTests(host), IClassFixture<EdgeHost.Postgres>;

    private const int NaN = 1002, Range = 1003, AsPlain = -1;

    // endpoint, the parameter under test, its plain value, the other parameters (placeholders: {token} {alice} {bob} {video} {none} {now}).
    private static readonly (string Method, string Path, string Parameter, string Plain, string Others)[] Parameters =
    [
        ("GET", "/douyin/feed/", "latest_time", "{now}", ""),
        ("GET", "/douyin/user/", "user_id", "{alice}", ""),
        ("GET", "/douyin/publish/list/", "user_id", "{alice}", ""),
        ("POST", "/douyin/favorite/action/", "video_id", "{video}", "token={token}&action_type=1"),
        ("POST", "/douyin/favorite/action/", "action_type", "1", "token={token}&video_id={video}"),
        ("GET", "/douyin/favorite/list/", "user_id", "{alice}", ""),
        ("POST", "/douyin/comment/action/", "video_id", "{video}", "token={token}&action_type=2&comment_id={none}"),
        ("POST", "/douyin/comment/action/", "action_type", "2", "token={token}&video_id={video}&comment_id={none}"),
        ("POST", "/douyin/comment/action/", "comment_id", "{none}", "token={token}&video_id={video}&action_type=2"),
        ("GET", "/douyin/comment/list/", "video_id", "{video}", ""),
        ("POST", "/douyin/relation/action/", "to_user_id", "{bob}", "token={token}&action_type=1"),
        ("POST", "/douyin/relation/action/", "action_type", "1", "token={token}&to_user_id={bob}"),
        ("GET", "/douyin/relation/follow/list/", "user_id", "{alice}", ""),
        ("GET", "/douyin/relation/follower/list/", "user_id", "{alice}", ""),
        ("GET", "/douyin/relation/friend/list/", "user_id", "{alice}", ""),
        ("GET", "/douyin/message/chat/", "to_user_id", "{bob}", "token={token}"),
        ("GET", "/douyin/message/chat/", "pre_msg_time", "{now}", "token={token}&to_user_id={bob}"),
        ("POST", "/douyin/message/action/", "to_user_id", "{bob}", "token={token}&action_type=1&content=hi"),
        ("POST", "/douyin/message/action/", "action_type", "1", "token={token}&to_user_id={bob}&content=hi"),
    ];

    // How a value is spoiled ({v}: the plain value), and the code it must get.
    private static readonly (string Value, int Code)[] Spoiled =
    [
        ("{v}\0", NaN),
        ("{v} ", NaN),
        (" {v}", NaN),
        ("{v}\t", NaN),
        ("+{v}", NaN),
        ("1e3", NaN),
        ("0x1", NaN),
        ("٣", NaN), // an Arabic-Indic digit: a digit to .NET, not to the app
        ("9223372036854775808", NaN),
        ("-1", Range),
        ("0{v}", AsPlain),
    ];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (var p = 0; p < Parameters.Length; p++)
            for (var s = 0; s < Spoiled.Length; s++)
                data.Add(p, s);
        return data;
    }

    [DatabaseTheory]
    [MemberData(nameof(Cases))]
    public async Task A_spoiled_number_gets_the_same_answer_in_the_query_and_in_the_form(int parameter, int spoiled)
    {
        var (method, path, name, plain, others) = Parameters[parameter];
        var (template, code) = Spoiled[spoiled];
        var value = template.Replace("{v}", Fill(plain));
        var pairs = Pairs(others).Append((name, value)).ToList();

        var inQuery = await SendAsync(method, path, pairs, inForm: false);
        var inForm = await SendAsync(method, path, pairs, inForm: true);
        var why = $"{method} {path} {name}={Printable(value)}: query {inQuery}, form {inForm}";

        Assert.True(inQuery.GetProperty("status_code").GetInt32() == inForm.GetProperty("status_code").GetInt32(), why);
        Assert.True(inQuery.GetProperty("status_msg").GetString() == inForm.GetProperty("status_msg").GetString(), why);
        if (code == AsPlain)
        {
            var asPlain = await SendAsync(method, path, Pairs(others).Append((name, Fill(plain))).ToList(), inForm: true);
            Assert.True(asPlain.GetProperty("status_code").GetInt32() == inQuery.GetProperty("status_code").GetInt32(), why + $", plain {asPlain}");
        }
        else
        {
            Assert.True(code == inQuery.GetProperty("status_code").GetInt32(), why);
            Assert.Contains($"'{name}'", inQuery.GetProperty("status_msg").GetString());
        }
    }

    [DatabaseFact]
    public async Task A_refused_action_changes_nothing()
    {
        var before = await host.Http.GetJsonAsync($"/douyin/user/?user_id={host.Alice.Id}");
        foreach (var (value, _) in Spoiled.Where(s => s.Code != AsPlain))
        {
            var v = value.Replace("{v}", host.Video.ToString());
            await SendAsync("POST", "/douyin/favorite/action/", [("token", host.Bob.Token), ("video_id", v), ("action_type", "1")], inForm: false);
            await SendAsync("POST", "/douyin/favorite/action/", [("token", host.Bob.Token), ("video_id", v), ("action_type", "1")], inForm: true);
        }
        var after = await host.Http.GetJsonAsync($"/douyin/user/?user_id={host.Alice.Id}");
        Assert.Equal(before.GetProperty("user").GetProperty("total_favorited").GetInt64(), after.GetProperty("user").GetProperty("total_favorited").GetInt64());
        var likes = await host.Http.GetJsonAsync($"/douyin/favorite/list/?user_id={host.Bob.Id}");
        Assert.Equal(0, likes.GetProperty("video_list").GetArrayLength());
    }

    private IEnumerable<(string, string)> Pairs(string others) =>
        others.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(kv => (kv[0], Fill(kv[1])));

    private string Fill(string s) => s
        .Replace("{token}", host.Alice.Token).Replace("{alice}", host.Alice.Id.ToString()).Replace("{bob}", host.Bob.Id.ToString())
        .Replace("{video}", host.Video.ToString()).Replace("{none}", "9000000000000000000")
        .Replace("{now}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString());

    private static string Printable(string value) => string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private async Task<JsonElement> SendAsync(string method, string path, IReadOnlyList<(string Name, string Value)> pairs, bool inForm)
    {
        var encoded = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(new HttpMethod(method), inForm ? path : path + "?" + encoded);
        if (inForm) request.Content = new FormUrlEncodedContent(pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
