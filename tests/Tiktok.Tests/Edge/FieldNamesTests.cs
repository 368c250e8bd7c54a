using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Tiktok.Core.Errors;
using Tiktok.Server.Live;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;
using Tiktok.Tests.Live;

namespace Tiktok.Tests.Edge;

/// <summary>
/// The domain names fields, each front names them its own way: REST messages name the app's
/// parameters as before, GraphQL messages the schema's arguments, hub messages the method's
/// arguments. And client mistakes on any front leave no Error-level log entry. On SQLite and PostgreSQL.
/// </summary>
public abstract class FieldNamesTests(EdgeHost host)
{
    public sealed class Sqlite(EdgeHost.Sqlite host) : FieldNamesTests(host), IClassFixture<EdgeHost.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(EdgeHost.Postgres host) : FieldNamesTests(host), IClassFixture<EdgeHost.Postgres>;

    private static readonly string Long501 = new('x', 501);

    public static TheoryData<string, string, string> GraphQLCases() => new()
    {
        { "mutation($v: ID!) { addComment(videoId: $v, content: \"" + Long501 + "\") { id } }", "TOO_LONG", "parameter 'content' is longer than 500 characters" },
        { "mutation($v: ID!) { addComment(videoId: $v, content: \"  \") { id } }", "INVALID_VALUE", "parameter 'content' must not be blank" },
        { "mutation($b: ID!) { sendMessage(toUserId: $b, content: \"a\\u0001b\") { id } }", "INVALID_VALUE", "parameter 'content' must not contain control characters" },
        { "mutation { register(username: \" lead\", password: \"secret123\") { token } }", "INVALID_VALUE", "parameter 'username' must not start or end with whitespace" },
        { "mutation { register(username: \"someone\", password: \"12345\") { token } }", "TOO_SHORT", "parameter 'password' must have at least 6 characters" },
        { "mutation { login(username: \"\", password: \"secret123\") { token } }", "MISSING_PARAMETER", "parameter 'username' is required" },
    };

    [DatabaseTheory]
    [MemberData(nameof(GraphQLCases))]
    public async Task GraphQL_errors_name_the_schema_arguments(string query, string code, string message)
    {
        var errorsBefore = host.Logs.ErrorsAndAbove.Count;
        var (_, body) = await host.Http.GraphQLAsync(query, new { v = host.Video.ToString(), b = host.Bob.Id.ToString() }, host.Alice.Token);
        var error = body.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(errorsBefore, host.Logs.ErrorsAndAbove.Count);
    }

    [DatabaseFact]
    public async Task GraphQL_upload_errors_name_the_file_argument()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("""{"query":"mutation($f: Upload!) { publishVideo(title: \"t\", file: $f) { id } }","variables":{"f":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.f"]}"""), "map" },
            { new ByteArrayContent("plain text, not a video"u8.ToArray()), "0", "a.txt" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Alice.Token);
        using var response = await host.Http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("NOT_A_VIDEO", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.StartsWith("parameter 'file' is not a playable video", error.GetProperty("message").GetString());
    }

    public static TheoryData<string, string, int, string> RestCases() => new()
    {
        { "/douyin/comment/action/", "action_type=1&comment_text=" + Long501, 1004, "parameter 'comment_text' is longer than 500 characters" },
        { "/douyin/comment/action/", "action_type=1&comment_text=a%01b", 1005, "parameter 'comment_text' must not contain control characters" },
        { "/douyin/message/action/", "action_type=1&content=%20%20", 1005, "parameter 'content' must not be blank" },
        { "/douyin/user/register/", "username=%20lead&password=secret123", 1005, "parameter 'username' must not start or end with whitespace" },
        { "/douyin/comment/action/", "action_type=1&video_id=4%00", 1002, "parameter 'video_id' must be an integer, got '4\0'" },
    };

    [DatabaseTheory]
    [MemberData(nameof(RestCases))]
    public async Task REST_messages_name_the_app_parameters_as_before(string path, string form, int code, string message)
    {
        var errorsBefore = host.Logs.ErrorsAndAbove.Count;
        var full = $"token={host.Alice.Token}&video_id={host.Video}&to_user_id={host.Bob.Id}&" + form;
        var pairs = full.Split('&').Select(p => p.Split('=', 2)).GroupBy(kv => kv[0]).Select(g => g.Last())
            .Select(kv => new KeyValuePair<string, string>(kv[0], Uri.UnescapeDataString(kv[1])));
        using var response = await host.Http.PostAsync(path, new FormUrlEncodedContent(pairs));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, answer.Status());
        Assert.Equal(message, answer.GetProperty("status_msg").GetString());
        Assert.Equal(errorsBefore, host.Logs.ErrorsAndAbove.Count);
    }

    [DatabaseFact]
    public async Task REST_publish_errors_name_data()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(host.Alice.Token), "token" },
            { new StringContent("t"), "title" },
            { new ByteArrayContent("plain text, not a video"u8.ToArray()), "data", "a.txt" },
        };
        var answer = JsonDocument.Parse(await (await host.Http.PostAsync("/douyin/publish/action/", form)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)ErrorCode.NotAVideo, answer.Status());
        Assert.StartsWith("parameter 'data' is not a playable video", answer.GetProperty("status_msg").GetString());
    }

    [DatabaseFact]
    public async Task Refused_hub_calls_name_the_method_arguments_and_log_no_error()
    {
        var errorsBefore = host.Logs.ErrorsAndAbove.Count;
        await using var connection = await HubClients.Build(host.Factory, LiveSetup.ChatPath, host.Alice.Token).StartedAsync();
        var blank = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveMessage>("SendMessage", host.Bob.Id, "  "));
        Assert.EndsWith("HubException: 1005: parameter 'content' must not be blank", blank.Message);
        var self = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveMessage>("SendMessage", host.Alice.Id, "hi"));
        Assert.Contains("HubException: 4003: ", self.Message);
        var missing = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<LiveMessage>("SendMessage", 987654321L, "hi"));
        Assert.Contains("HubException: 3001: ", missing.Message);
        Assert.Equal(errorsBefore, host.Logs.ErrorsAndAbove.Count);
    }
}
