using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>
/// Alice blocks Bob from his profile's menu: Bob's comment no longer shows to her, Bob can no longer
/// comment on her video (the server refuses, the page says why), and unblocking lets him again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BlockingTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task A_user_blocked_from_the_profile_menu_can_no_longer_comment_on_the_blockers_video()
    {
        ChromiumFactAttribute.RequireChromium();
        await using var alice = await AppPage.OpenAsync(fixture, "Alice", phone: false);
        await using var bob = await AppPage.OpenAsync(fixture, "Bob", phone: true);
        try
        {
            await alice.SignUpAsync("alice");
            await bob.SignUpAsync("bob");
            var aliceToken = await alice.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('tiktok.session')).token");
            var videoId = await fixture.PublishAsync(aliceToken, "Alice at the lake");

            // Bob comments on Alice's video before the block.
            var bobDrawer = await OpenCommentsAsync(bob, videoId);
            await bobDrawer.GetByLabel("Add a comment").FillAsync("nice lake");
            await bobDrawer.GetByLabel("Add a comment").PressAsync("Enter");
            await Expect(bobDrawer.Locator(".comment .text")).ToHaveTextAsync(["nice lake"]);

            // Alice blocks Bob from his profile's menu.
            await alice.GoAsync($"#/user/{bob.UserId}");
            await Expect(alice.Page.Locator("button.follow-toggle")).ToBeVisibleAsync();
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
            await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Block" }).ClickAsync();
            await Expect(alice.Page.Locator("#toast")).ToHaveTextAsync($"{bob.Name} is blocked.");
            await Expect(alice.Page.Locator("button.follow-toggle")).ToBeHiddenAsync();
            await alice.ScreenshotAsync("profile-blocked");

            // Alice no longer sees Bob's comment on her video.
            var aliceDrawer = await OpenCommentsAsync(alice, videoId);
            await Expect(aliceDrawer.Locator(".empty")).ToBeVisibleAsync();
            await Expect(aliceDrawer.Locator(".comment")).ToHaveCountAsync(0);

            // Bob tries to comment again: refused, the page says why, nothing is added.
            await bob.Page.ReloadAsync();
            bobDrawer = await OpenCommentsAsync(bob, videoId);
            await bobDrawer.GetByLabel("Add a comment").FillAsync("hello?");
            await bobDrawer.GetByLabel("Add a comment").PressAsync("Enter");
            await Expect(bob.Page.Locator("#toast")).ToHaveTextAsync($"user {alice.UserId} has blocked you: you cannot comment on their videos");
            // (Alice's video hides its comments from Bob now, his own old one included.)
            await Expect(bobDrawer.Locator(".comment")).ToHaveCountAsync(0);
            await bob.ScreenshotAsync("comment-refused-blocked");

            // Alice unblocks (the menu now says so); Bob comments again.
            await alice.GoAsync($"#/user/{bob.UserId}");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
            await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Unblock" }).ClickAsync();
            await Expect(alice.Page.Locator("#toast")).ToHaveTextAsync($"{bob.Name} is unblocked.");
            await Expect(alice.Page.Locator("button.follow-toggle")).ToHaveTextAsync("Follow");
            await bobDrawer.GetByLabel("Add a comment").FillAsync("hello again");
            await bobDrawer.GetByLabel("Add a comment").PressAsync("Enter");
            await Expect(bobDrawer.Locator(".comment .text").First).ToHaveTextAsync("hello again");

            foreach (var app in new[] { alice, bob })
            {
                Assert.True(app.Dialogs.Count == 0, $"{app.Who}: a dialog opened: {string.Join(" | ", app.Dialogs)}");
                Assert.Empty(app.Errors);
            }
        }
        catch (Exception e)
        {
            await alice.ScreenshotAsync("failure-block-alice");
            await bob.ScreenshotAsync("failure-block-bob");
            throw new Exception($"{e.Message}\npage errors: {string.Join(" | ", alice.Errors.Concat(bob.Errors))}\n{fixture.LogTail()}", e);
        }
    }

    private static async Task<ILocator> OpenCommentsAsync(AppPage app, string videoId)
    {
        await app.GoAsync($"#/video/{videoId}");
        await app.Slide(videoId).Locator("button.comment").ClickAsync();
        var drawer = app.Page.GetByRole(AriaRole.Dialog);
        await Expect(drawer.GetByLabel("Add a comment")).ToBeVisibleAsync();
        return drawer;
    }
}
