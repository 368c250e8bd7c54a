using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>
/// Two people, each in their own browser context (Alice on a desktop, Bob on a phone), use the app the
/// way the issue describes: upload, feed, live likes and comments, follows, friendship and live chat.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoUsersTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Upload_feed_live_likes_comments_follow_and_chat()
    {
        ChromiumFactAttribute.RequireChromium();
        await using var alice = await AppPage.OpenAsync(fixture, "Alice", phone: false);
        await using var bob = await AppPage.OpenAsync(fixture, "Bob", phone: true);
        try
        {
            await Scenario(alice, bob);
        }
        catch (Exception e)
        {
            await alice.ScreenshotAsync("failure-alice");
            await bob.ScreenshotAsync("failure-bob");
            throw new Exception($"{e.Message}\nAlice's page errors: {string.Join(" | ", alice.Errors)}\n" +
                                $"Bob's page errors: {string.Join(" | ", bob.Errors)}\n{fixture.LogTail()}", e);
        }
    }

    internal static async Task Scenario(AppPage alice, AppPage bob)
    {
        await alice.SignUpAsync("alice");
        await bob.SignUpAsync("bob");

        // Alice uploads the sample video: progress, then the outcome with the cover.
        await alice.GoAsync("#/upload");
        await alice.Page.Locator("#file").SetInputFilesAsync(BrowserFixture.FixturePath("sample.mp4"));
        await alice.Page.Locator("#title").FillAsync("Sunset at the pier");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(alice.Page.Locator(".outcome .ok")).ToHaveTextAsync("Published!", new() { Timeout = 30_000 });
        await Expect(alice.Page.Locator("progress")).ToHaveAttributeAsync("value", "100");
        var cover = alice.Page.Locator(".outcome img.cover");
        await Expect(cover).ToBeVisibleAsync();
        await alice.Page.WaitForFunctionAsync("() => document.querySelector('.outcome img.cover')?.naturalWidth > 0");
        await alice.ScreenshotAsync("upload");
        var href = await alice.Page.Locator(".outcome a.tile").GetAttributeAsync("href") ?? "";
        var videoId = Regex.Match(href, @"#/video/(\d+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(videoId), $"the outcome must link to the new video, got '{href}'");

        // Alice watches her video; Bob finds it in his feed.
        await alice.GoAsync($"#/video/{videoId}");
        await Expect(alice.Slide(videoId)).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await bob.GoAsync("#/");
        await bob.Page.ReloadAsync();
        var bobSlide = bob.Slide(videoId);
        await bobSlide.ScrollIntoViewIfNeededAsync();
        await Expect(bobSlide).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(bobSlide.Locator(".meta .title")).ToHaveTextAsync("Sunset at the pier");
        await Expect(bobSlide.Locator(".meta .author")).ToHaveTextAsync("@" + alice.Name);

        // A double tap likes; Alice sees the count change live. The button unlikes and likes again.
        var aliceLikes = alice.Slide(videoId).Locator("button.like .n");
        await Expect(aliceLikes).ToHaveTextAsync("0");
        await bobSlide.Locator(".tap").DblClickAsync();
        await Expect(bobSlide.Locator("button.like")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(aliceLikes).ToHaveTextAsync("1");
        await bobSlide.Locator("button.like").ClickAsync();
        await Expect(aliceLikes).ToHaveTextAsync("0");
        await bobSlide.Locator("button.like").ClickAsync();
        await Expect(aliceLikes).ToHaveTextAsync("1");
        await Expect(bobSlide.Locator("button.like .n")).ToHaveTextAsync("1");
        await alice.ScreenshotAsync("feed-desktop");
        await bob.ScreenshotAsync("feed-phone");

        // Comments: Alice has the drawer open; Bob's comment appears there live, and his deleted one goes away.
        await alice.Slide(videoId).Locator("button.comment").ClickAsync();
        var aliceDrawer = alice.Page.GetByRole(AriaRole.Dialog);
        await Expect(aliceDrawer).ToBeVisibleAsync();
        await Expect(aliceDrawer.Locator(".empty")).ToBeVisibleAsync();
        await bobSlide.Locator("button.comment").ClickAsync();
        var bobDrawer = bob.Page.GetByRole(AriaRole.Dialog);
        await bobDrawer.GetByLabel("Add a comment").FillAsync("What a view!");
        await bobDrawer.GetByLabel("Add a comment").PressAsync("Enter");
        await Expect(bobDrawer.Locator(".comment .text")).ToHaveTextAsync(["What a view!"]);
        await Expect(aliceDrawer.Locator(".comment .text")).ToHaveTextAsync(["What a view!"]);
        await Expect(aliceDrawer.Locator(".comment .name")).ToHaveTextAsync([bob.Name]);
        await Expect(aliceDrawer.Locator(".delete")).ToHaveCountAsync(0); // not hers to delete
        await bobDrawer.GetByLabel("Add a comment").FillAsync("typo, deleting");
        await bobDrawer.GetByLabel("Add a comment").PressAsync("Enter");
        await Expect(aliceDrawer.Locator(".comment .text")).ToHaveTextAsync(["typo, deleting", "What a view!"]);
        await bob.ScreenshotAsync("comments-phone");
        await bobDrawer.Locator(".comment", new() { HasText = "typo, deleting" }).GetByRole(AriaRole.Button, new() { Name = "Delete comment" }).ClickAsync();
        await Expect(bobDrawer.Locator(".comment .text")).ToHaveTextAsync(["What a view!"]);
        await Expect(aliceDrawer.Locator(".comment .text")).ToHaveTextAsync(["What a view!"]);
        await Expect(aliceDrawer.Locator("#comments-title")).ToHaveTextAsync("1 comment");
        await alice.ScreenshotAsync("comments-desktop");
        await alice.Page.Keyboard.PressAsync("Escape");
        await Expect(aliceDrawer).ToBeHiddenAsync();
        await Expect(alice.Slide(videoId).Locator("button.comment .n")).ToHaveTextAsync("1");
        await bob.Page.Keyboard.PressAsync("Escape");

        // Bob follows Alice from the feed, then sees it on her profile.
        await bobSlide.GetByRole(AriaRole.Button, new() { Name = $"Follow {alice.Name}" }).ClickAsync();
        await Expect(bobSlide.Locator("button.follow")).ToBeHiddenAsync();
        await bob.GoAsync($"#/user/{alice.UserId}");
        await Expect(bob.Page.Locator(".profile-head h1")).ToHaveTextAsync(alice.Name);
        await Expect(bob.Page.Locator(".follow-toggle")).ToHaveTextAsync("Unfollow");
        await Expect(bob.Page.Locator(".grid .tile")).ToHaveCountAsync(1);
        await bob.Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Likes") }).ClickAsync();
        await Expect(bob.Page.Locator(".grid .empty")).ToBeVisibleAsync(); // Alice liked nothing

        // Alice sees her follower and follows back: they are friends.
        await alice.GoAsync("#/me");
        await Expect(alice.Page.Locator(".profile-head h1")).ToHaveTextAsync(alice.Name);
        await Expect(alice.Page.Locator(".stat", new() { HasText = "Followers" }).Locator("strong")).ToHaveTextAsync("1");
        await Expect(alice.Page.Locator(".grid .tile")).ToHaveCountAsync(1);
        await alice.ScreenshotAsync("profile-desktop");
        await alice.Page.Locator(".stat", new() { HasText = "Followers" }).ClickAsync();
        await Expect(alice.Page.Locator(".people .name")).ToHaveTextAsync([bob.Name]);
        await alice.Page.Locator(".people a.person", new() { HasText = bob.Name }).ClickAsync();
        await Expect(alice.Page.Locator(".profile-head h1")).ToHaveTextAsync(bob.Name);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Expect(alice.Page.Locator(".follow-toggle")).ToHaveTextAsync("Unfollow");
        await Expect(alice.Page.Locator(".stat", new() { HasText = "Followers" }).Locator("strong")).ToHaveTextAsync("1");
        await bob.GoAsync($"#/user/{bob.UserId}/friends");
        await Expect(bob.Page.Locator(".people .name")).ToHaveTextAsync([alice.Name]);
        await bob.GoAsync($"#/user/{bob.UserId}");
        await Expect(bob.Page.Locator(".profile-head h1")).ToHaveTextAsync(bob.Name);
        await Expect(bob.Page.Locator(".stat", new() { HasText = "Following" }).Locator("strong")).ToHaveTextAsync("1");
        await bob.Page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Likes") }).ClickAsync();
        await Expect(bob.Page.Locator(".grid .tile")).ToHaveCountAsync(1); // Bob liked Alice's video
        await bob.ScreenshotAsync("profile-phone");

        // Chat: both open the conversation; messages arrive live both ways, each shown once.
        await alice.GoAsync("#/chat");
        await alice.Page.Locator(".conversations a.person", new() { HasText = bob.Name }).ClickAsync();
        await bob.GoAsync($"#/chat/{alice.UserId}");
        var aliceMessages = alice.Page.Locator(".messages .message p");
        var bobMessages = bob.Page.Locator(".messages .message p");
        await alice.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Hi Bob! Thanks for the like.");
        await alice.Page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(bobMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like."]);
        await bob.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Great video, Alice!");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(aliceMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like.", "Great video, Alice!"]);
        await Expect(bobMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like.", "Great video, Alice!"]);
        await Expect(alice.Page.Locator(".message.mine p")).ToHaveTextAsync(["Hi Bob! Thanks for the like."]);
        await Expect(bob.Page.Locator(".message.mine p")).ToHaveTextAsync(["Great video, Alice!"]);
        await alice.ScreenshotAsync("chat-desktop");
        await bob.ScreenshotAsync("chat-phone");

        // The session survives a reload, and the conversation's history loads on open.
        await bob.Page.ReloadAsync();
        await Expect(bob.MeLink).ToBeVisibleAsync();
        await Expect(bobMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like.", "Great video, Alice!"]);
        // ...and after the reload the live path still works (once each).
        await alice.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("See you!");
        await alice.Page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(bobMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like.", "Great video, Alice!", "See you!"]);
        await Expect(aliceMessages).ToHaveTextAsync(["Hi Bob! Thanks for the like.", "Great video, Alice!", "See you!"]);

        // The inbox shows the latest line.
        await bob.GoAsync("#/chat");
        await Expect(bob.Page.Locator(".conversations a.person", new() { HasText = alice.Name }).Locator(".last")).ToHaveTextAsync("See you!");

        // Log out: back to anonymous, and it stays so after a reload.
        await bob.GoAsync("#/me");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(bob.LoginLink).ToBeVisibleAsync();
        await bob.Page.ReloadAsync();
        await Expect(bob.LoginLink).ToBeVisibleAsync();

        Assert.Empty(alice.Dialogs);
        Assert.Empty(bob.Dialogs);
        Assert.Empty(alice.ForeignRequests());
        Assert.Empty(bob.ForeignRequests());
        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
    }
}
