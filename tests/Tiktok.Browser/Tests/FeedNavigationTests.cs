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
        var token = await fixture.RegisterAsync(AppPage.UniqueName("feeder"));
        for (var i = 1; i <= 12; i++) await fixture.PublishAsync(token, $"clip {i:00}");

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
}
