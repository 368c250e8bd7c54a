using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>Arrow keys and the wheel move one video at a time; the feed pages on with its cursor as you go.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedNavigationTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Keys_and_wheel_move_through_an_endless_feed()
    {
        ChromiumFactAttribute.RequireChromium();
        // More videos than one page of the client's feed (10), published through GraphQL directly.
        var token = await RegisterAsync(AppPage.UniqueName("feeder"));
        for (var i = 1; i <= 12; i++) await PublishAsync(token, $"clip {i:00}");

        await using var viewer = await AppPage.OpenAsync(fixture, "viewer", phone: false);
        try
        {
            var slides = viewer.Page.Locator(".slide");
            var active = viewer.Page.Locator(".slide.active");
            await Expect(active.Locator(".meta .title")).ToHaveTextAsync("clip 12");
            await Expect(slides).ToHaveCountAsync(10);

            await viewer.Page.Keyboard.PressAsync("ArrowDown");
            await Expect(active.Locator(".meta .title")).ToHaveTextAsync("clip 11");
            await viewer.Page.Keyboard.PressAsync("ArrowUp");
            await Expect(active.Locator(".meta .title")).ToHaveTextAsync("clip 12");

            await viewer.Page.Mouse.MoveAsync(640, 400);
            await viewer.Page.Mouse.WheelAsync(0, 120);
            await Expect(active.Locator(".meta .title")).ToHaveTextAsync("clip 11");

            // Nearing the end of the first page loads the next one.
            for (var i = 10; i >= 5; i--)
            {
                await viewer.Page.Keyboard.PressAsync("ArrowDown");
                await Expect(active.Locator(".meta .title")).ToHaveTextAsync($"clip {i:00}");
            }
            await Expect(slides.Filter(new() { HasText = "clip 01" })).ToHaveCountAsync(1);
            Assert.True(await slides.CountAsync() >= 12, "the second page must have been appended");
            Assert.Empty(viewer.Errors);
            Assert.Empty(viewer.ForeignRequests());
        }
        catch (Exception e)
        {
            await viewer.ScreenshotAsync("failure-navigation");
            throw new Exception($"{e.Message}\npage errors: {string.Join(" | ", viewer.Errors)}\n{fixture.LogTail()}", e);
        }
    }

    private async Task<string> RegisterAsync(string name)
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

    private async Task PublishAsync(string token, string title)
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
    }
}
