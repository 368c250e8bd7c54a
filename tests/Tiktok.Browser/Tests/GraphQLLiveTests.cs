using System.Text.RegularExpressions;
using Tiktok.Browser.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Tests;

/// <summary>
/// The web client's live updates come over GraphQL subscriptions: a like and a comment made by another
/// user (through the API, outside the browser) reach the open page over its WebSocket to /graphql with
/// the graphql-transport-ws protocol, and what happens while that socket is down is caught up after it
/// reconnects. The page opens no SignalR connection.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphQLLiveTests(BrowserFixture fixture)
{
    private const string Like = "mutation($v: ID!) { likeVideo(videoId: $v) { favoriteCount } }";
    private const string Unlike = "mutation($v: ID!) { unlikeVideo(videoId: $v) { favoriteCount } }";
    private const string Comment = "mutation($v: ID!, $c: String!) { addComment(videoId: $v, content: $c) { id } }";
    private const string Delete = "mutation($v: ID!, $c: ID!) { deleteComment(videoId: $v, commentId: $c) }";

    [ChromiumFact]
    public async Task Another_users_like_and_comment_reach_the_page_over_the_GraphQL_WebSocket_and_are_caught_up_after_a_reconnect()
    {
        ChromiumFactAttribute.RequireChromium();
        var author = await fixture.RegisterAsync(AppPage.UniqueName("au"));
        var other = await fixture.RegisterAsync(AppPage.UniqueName("ot"));
        var otherName = (await fixture.GraphQLAsync(other, "{ me { name } }", new { })).GetProperty("me").GetProperty("name").GetString();
        var video = await fixture.PublishAsync(author, "live over GraphQL");

        await using var viewer = await AppPage.OpenAsync(fixture, "viewer", phone: false, recordSockets: true);
        try
        {
            // The page opened on the feed, whose newest video is this one.
            var slide = viewer.Slide(video);
            await Expect(slide).ToHaveClassAsync(new Regex(@"\bactive\b"));
            await slide.Locator("button.comment").ClickAsync();
            var drawer = viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Dialog);
            await Expect(drawer.Locator(".empty")).ToBeVisibleAsync();
            await WaitConnectedAsync(viewer);

            // Another user likes and comments: both reach the page live.
            await fixture.GraphQLAsync(other, Like, new { v = video });
            await Expect(slide.Locator("button.like .n")).ToHaveTextAsync("1");
            await fixture.GraphQLAsync(other, Comment, new { v = video, c = "live, by GraphQL" });
            await Expect(drawer.Locator(".comment .text")).ToHaveTextAsync(["live, by GraphQL"]);
            await Expect(drawer.Locator(".comment .name")).ToHaveTextAsync([otherName!]);
            await Expect(drawer.Locator("#comments-title")).ToHaveTextAsync("1 comment");

            var sockets = await viewer.SocketsAsync();
            Assert.True(sockets.Count == 1, $"one socket for the page, got {string.Join(", ", sockets)}");
            var (url, protocol, open) = sockets[0];
            Assert.Equal((fixture.BaseUrl.Replace("http://", "ws://") + "/graphql", "graphql-transport-ws", true), (url, protocol, open));
            Assert.DoesNotContain(viewer.Requests, r => r.Contains("/hubs/", StringComparison.Ordinal));

            // The socket drops and cannot come back for a while; meanwhile the count changes twice, a comment
            // is added and the first one deleted. Once it reconnects the page shows all of it.
            // First let the page go quiet: events that came within a second of each other make it read the
            // counts again 250 ms after the last one, over HTTP when the socket is down, which would show the
            // new count before the reconnect this test is about.
            await viewer.Page.WaitForTimeoutAsync(2_000);
            await viewer.Page.EvaluateAsync("() => { window.__blockSockets = true; window.__sockets.forEach(s => s.close()); }");
            await fixture.GraphQLAsync(other, Unlike, new { v = video });
            await fixture.GraphQLAsync(author, Like, new { v = video });
            await fixture.GraphQLAsync(other, Like, new { v = video });
            var first = (await fixture.GraphQLAsync(author, "query($v: ID!) { video(id: $v) { comments(first: 1) { nodes { id } } } }", new { v = video }))
                .GetProperty("video").GetProperty("comments").GetProperty("nodes")[0].GetProperty("id").GetString();
            await fixture.GraphQLAsync(author, Comment, new { v = video, c = "while you were away" });
            await fixture.GraphQLAsync(other, Delete, new { v = video, c = first });
            await viewer.Page.WaitForTimeoutAsync(500);
            await Expect(slide.Locator("button.like .n")).ToHaveTextAsync("1"); // nothing came: the socket is down
            await viewer.Page.EvaluateAsync("() => { window.__blockSockets = false; }");

            await Expect(slide.Locator("button.like .n")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
            await Expect(drawer.Locator(".comment .text")).ToHaveTextAsync(["while you were away"], new() { Timeout = 30_000 });
            await Expect(drawer.Locator("#comments-title")).ToHaveTextAsync("1 comment");

            // And live again after the reconnect.
            await fixture.GraphQLAsync(other, Comment, new { v = video, c = "and live again" });
            await Expect(drawer.Locator(".comment .text")).ToHaveTextAsync(["and live again", "while you were away"]);
            Assert.Single(await viewer.SocketsAsync(), s => s.Open);
            Assert.Empty(viewer.Errors);
            Assert.Empty(viewer.ForeignRequests());
        }
        catch (Exception e)
        {
            await viewer.ScreenshotAsync("failure-graphql-live");
            throw new Exception($"{e.Message}\npage errors: {string.Join(" | ", viewer.Errors)}\n{fixture.LogTail()}", e);
        }
    }

    /// <summary>Waits until the page's socket is open and acknowledged (its subscriptions sent).</summary>
    private static async Task WaitConnectedAsync(AppPage app) =>
        await app.Page.WaitForFunctionAsync("() => window.__sockets.some(s => s.readyState === WebSocket.OPEN && s.protocol === 'graphql-transport-ws')");
}
