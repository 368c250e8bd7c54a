using Microsoft.Playwright;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>User text that looks like HTML is shown literally and runs nothing, on every path it reaches the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkupAsTextTests(BrowserFixture fixture)
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [ChromiumFact]
    public async Task A_comment_title_and_name_made_of_markup_show_as_text_and_run_nothing()
    {
        ChromiumFactAttribute.RequireChromium();
        await using var poster = await AppPage.OpenAsync(fixture, "poster", phone: true);
        await using var watcher = await AppPage.OpenAsync(fixture, "watcher", phone: false);
        try
        {
            // The author's name and the title are markup too.
            var markupName = "<img src=x onerror=alert(2)>" + Guid.NewGuid().ToString("N")[..4];
            await poster.SignUpAsync("x", markupName);
            await poster.GoAsync("#/upload");
            await poster.Page.Locator("#file").SetInputFilesAsync(BrowserFixture.FixturePath("sample.mp4"));
            await poster.Page.Locator("#title").FillAsync("<script>alert(2)</script>");
            await poster.Page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            await Expect(poster.Page.Locator(".outcome .ok")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            var href = await poster.Page.Locator(".outcome a.tile").GetAttributeAsync("href") ?? "";
            var videoId = href.Split('/').Last();

            // An anonymous watcher has the comments open: the comment reaches it live (commentAdded).
            await watcher.GoAsync($"#/video/{videoId}");
            await Expect(watcher.Slide(videoId).Locator(".meta .title")).ToHaveTextAsync("<script>alert(2)</script>");
            await Expect(watcher.Slide(videoId).Locator(".meta .author")).ToHaveTextAsync("@" + markupName);
            await watcher.Slide(videoId).Locator("button.comment").ClickAsync();
            var watcherDrawer = watcher.Page.GetByRole(AriaRole.Dialog);
            await Expect(watcherDrawer.Locator(".empty")).ToBeVisibleAsync();

            // The poster comments (the mutation's answer is rendered).
            await poster.GoAsync($"#/video/{videoId}");
            await poster.Slide(videoId).Locator("button.comment").ClickAsync();
            var posterDrawer = poster.Page.GetByRole(AriaRole.Dialog);
            await posterDrawer.GetByLabel("Add a comment").FillAsync(Payload);
            await posterDrawer.GetByLabel("Add a comment").PressAsync("Enter");
            await Expect(posterDrawer.Locator(".comment .text")).ToHaveTextAsync([Payload]);
            await Expect(watcherDrawer.Locator(".comment .text")).ToHaveTextAsync([Payload]);
            await Expect(watcherDrawer.Locator(".comment .name")).ToHaveTextAsync([markupName]);

            // And from the list query after a reload.
            await watcher.Page.ReloadAsync();
            await watcher.Slide(videoId).Locator("button.comment").ClickAsync();
            await Expect(watcher.Page.GetByRole(AriaRole.Dialog).Locator(".comment .text")).ToHaveTextAsync([Payload]);

            foreach (var app in new[] { poster, watcher })
            {
                await Expect(app.Page.Locator("img[src='x'], .comments script, .meta script")).ToHaveCountAsync(0);
                // Had the markup been parsed, the broken image's onerror would have fired by the time the
                // list rendered; give it one more moment, since an absence has nothing to wait for.
                await app.Page.WaitForTimeoutAsync(300);
                Assert.True(app.Dialogs.Count == 0, $"{app.Who}: a dialog opened: {string.Join(" | ", app.Dialogs)}");
                Assert.Empty(app.Errors);
            }
        }
        catch (Exception e)
        {
            await poster.ScreenshotAsync("failure-markup-poster");
            await watcher.ScreenshotAsync("failure-markup-watcher");
            throw new Exception($"{e.Message}\npage errors: {string.Join(" | ", poster.Errors.Concat(watcher.Errors))}\n{fixture.LogTail()}", e);
        }
    }
}
