using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tiktok.Browser.Infrastructure;

/// <summary>Setting the scene through the suite's server's GraphQL API, outside any browser: a user, a video.</summary>
public static class ServerCalls
{
    /// <summary>Registers <paramref name="name"/> (password "secret123") and returns its token.</summary>
    public static async Task<string> RegisterAsync(this BrowserFixture fixture, string name)
    {
        var answer = await fixture.Http.PostAsJsonAsync(fixture.BaseUrl + "/graphql", new
        {
            query = "mutation($u: String!, $p: String!) { register(username: $u, password: $p) { token } }",
            variables = new { u = name, p = "secret123" },
        });
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object, $"register failed: {json}");
        return data.GetProperty("register").GetProperty("token").GetString()!;
    }

    /// <summary>Runs a query or mutation as the token's user and answers its data (fails on any error).</summary>
    public static async Task<JsonElement> GraphQLAsync(this BrowserFixture fixture, string token, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl + "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await fixture.Http.SendAsync(request);
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(!json.TryGetProperty("errors", out _) && json.TryGetProperty("data", out var data), $"GraphQL failed: {json}");
        return json.GetProperty("data");
    }

    /// <summary>Publishes the sample clip under <paramref name="title"/> as the token's user.</summary>
    public static async Task<string> PublishAsync(this BrowserFixture fixture, string token, string title)
    {
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(JsonSerializer.Serialize(new
        {
            query = "mutation($t: String!, $f: Upload!) { publishVideo(title: $t, file: $f) { id } }",
            variables = new { t = title, f = (string?)null },
        })), "operations");
        body.Add(new StringContent("""{"0":["variables.f"]}"""), "map");
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(BrowserFixture.FixturePath("sample.mp4")));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        body.Add(file, "0", "clip.mp4");
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.BaseUrl + "/graphql") { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await fixture.Http.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode && text.Contains("\"publishVideo\":{"), $"publish failed: HTTP {(int)answer.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").GetProperty("publishVideo").GetProperty("id").GetString()!;
    }
}
