using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>
/// Two people as a community (issue #12), each in their own browser context: Bob follows Alice and
/// likes her video, and Alice's bell counts it live without a reload; her panel lists it and takes
/// back what Bob undoes. Later steps of the issue (blocking) extend <see cref="Scenario"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommunityTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Follow_like_and_notifications_between_two_users()
    {
        ChromiumFactAttribute.RequireChromium();
        await using var alice = await AppPage.OpenAsync(fixture, "Alice", phone: false);
        await using var bob = await AppPage.OpenAsync(fixture, "Bob", phone: true);
        try
        {
            await Scenario(fixture, alice, bob);
        }
        catch (Exception e)
        {
            await alice.ScreenshotAsync("failure-community-alice");
            await bob.ScreenshotAsync("failure-community-bob");
            throw new Exception($"{e.Message}\nAlice's page errors: {string.Join(" | ", alice.Errors)}\n" +
                                $"Bob's page errors: {string.Join(" | ", bob.Errors)}\n{fixture.LogTail()}", e);
        }
    }

    internal static async Task Scenario(BrowserFixture fixture, AppPage alice, AppPage bob)
    {
        await alice.SignUpAsync("alice");
        await bob.SignUpAsync("bob");
        var aliceToken = await alice.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('tiktok.session')).token");
        var videoId = await fixture.PublishAsync(aliceToken, "Morning swim");

        // Alice stays on her feed: the bell shows no count yet.
        await alice.GoAsync("#/");
        var bell = alice.Page.Locator("#nav a.bell");
        var badge = bell.Locator(".bell-badge");
        await Expect(bell).ToBeVisibleAsync();
        await Expect(badge).ToBeHiddenAsync();

        // Bob follows Alice from her profile: her bell counts 1, live.
        await bob.GoAsync($"#/user/{alice.UserId}");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Expect(bob.Page.Locator(".follow-toggle")).ToHaveTextAsync("Unfollow");
        await Expect(badge).ToHaveTextAsync("1");

        // Bob likes her video: 2.
        await bob.GoAsync($"#/video/{videoId}");
        var bobSlide = bob.Slide(videoId);
        await Expect(bobSlide).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await bobSlide.Locator("button.like").ClickAsync();
        await Expect(bobSlide.Locator("button.like")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(badge).ToHaveTextAsync("2");
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, 2 unread");
        await alice.ScreenshotAsync("bell-desktop");

        // Alice opens the panel: both are listed (names as text), and opening reads them.
        await bell.ClickAsync();
        var notes = alice.Page.Locator(".notes li.note");
        await Expect(notes).ToHaveCountAsync(2);
        await Expect(notes.Nth(0)).ToContainTextAsync($"{bob.Name} liked your video");
        await Expect(notes.Nth(1)).ToContainTextAsync($"{bob.Name} started following you");
        await Expect(badge).ToBeHiddenAsync();
        await alice.ScreenshotAsync("notifications-desktop");

        // Bob takes his like back: it leaves Alice's open panel live.
        await bobSlide.Locator("button.like").ClickAsync();
        await Expect(bobSlide.Locator("button.like")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(notes).ToHaveCountAsync(1);
        await Expect(notes.Nth(0)).ToContainTextAsync("started following you");
        await Expect(badge).ToBeHiddenAsync();

        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
        Assert.Empty(alice.ForeignRequests());
        Assert.Empty(bob.ForeignRequests());
    }
}
