using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tiktok.Browser.Infrastructure;

/// <summary>
/// One person using the web client in their own browser context: what they click and type, in the
/// client's own words (roles, labels, the few classes the screens are built from). Records every request
/// and every dialog, so a test can say nothing left the origin and no script ran.
/// </summary>
public sealed class AppPage : IAsyncDisposable
{
    private static int _counter;

    private AppPage(BrowserFixture fixture, IBrowserContext context, IPage page, string who)
    {
        Fixture = fixture;
        Context = context;
        Page = page;
        Who = who;
    }

    public BrowserFixture Fixture { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string Who { get; }
    public string Name { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public List<string> Requests { get; } = [];
    public List<string> Dialogs { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>
    /// Wraps the page's WebSocket before any script runs: every socket opened is kept in
    /// <c>window.__sockets</c> (its url and negotiated protocol for the test to read), and while
    /// <c>window.__blockSockets</c> is true a new one fails as an unreachable server would.
    /// </summary>
    private const string SocketRecorder = """
        (() => {
          const Native = window.WebSocket;
          window.__sockets = [];
          window.__blockSockets = false;
          window.WebSocket = class extends Native {
            constructor(url, protocols) {
              if (window.__blockSockets) throw new DOMException("blocked by the test", "SecurityError");
              super(url, protocols);
              window.__sockets.push(this);
            }
          };
        })();
        """;

    public static async Task<AppPage> OpenAsync(BrowserFixture fixture, string who, bool phone, bool recordSockets = false)
    {
        var context = await fixture.NewContextAsync(phone);
        if (recordSockets) await context.AddInitScriptAsync(SocketRecorder);
        var page = await context.NewPageAsync();
        var app = new AppPage(fixture, context, page, who);
        context.Request += (_, r) => { lock (app.Requests) app.Requests.Add(r.Url); };
        page.Dialog += async (_, d) => { lock (app.Dialogs) app.Dialogs.Add($"{d.Type}: {d.Message}"); await d.DismissAsync(); };
        page.PageError += (_, e) => { lock (app.Errors) app.Errors.Add(e); };
        await page.GotoAsync("/");
        return app;
    }

    public static string UniqueName(string prefix)
    {
        var name = $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}";
        return name[..Math.Min(name.Length, 20)];
    }

    public Task GoAsync(string hash) => Page.EvaluateAsync("h => { location.hash = h; }", hash);

    /// <summary>Signs up through the form; <paramref name="exactName"/> overrides the unique name made from the prefix.</summary>
    public async Task SignUpAsync(string prefix, string? exactName = null)
    {
        Name = exactName ?? UniqueName(prefix);
        await GoAsync("#/login?mode=signup");
        await Page.Locator("#username").FillAsync(Name);
        await Page.Locator("#password").FillAsync("secret-password");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign up", Exact = true }).ClickAsync();
        var me = Page.Locator("#nav a[href^='#/user/']");
        await Expect(me).ToBeVisibleAsync();
        UserId = Regex.Match(await me.GetAttributeAsync("href") ?? "", @"#/user/(\d+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(UserId), $"{Who}: after sign-up the nav must link to the user's profile");
    }

    /// <summary>The nav's link to the signed-in user's own profile ("Me"); absent when anonymous.</summary>
    public ILocator MeLink => Page.Locator("#nav a[href^='#/user/']");

    public ILocator LoginLink => Page.Locator("#nav a[href^='#/login']");

    public ILocator Slide(string videoId) => Page.Locator($".slide[data-id=\"{videoId}\"]");

    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png") });
    }

    /// <summary>Requests that left the server's origin (data: and blob: URLs are local).</summary>
    public List<string> ForeignRequests()
    {
        lock (Requests)
            return Requests.Where(u => !u.StartsWith(Fixture.BaseUrl + "/", StringComparison.Ordinal) &&
                                       !u.StartsWith("data:", StringComparison.Ordinal) &&
                                       !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The page's WebSockets (with <c>recordSockets</c>): url, negotiated subprotocol, open or not.</summary>
    public async Task<List<(string Url, string Protocol, bool Open)>> SocketsAsync()
    {
        var json = await Page.EvaluateAsync<string>(
            "() => JSON.stringify(window.__sockets.map(s => ({ url: s.url, protocol: s.protocol, open: s.readyState === WebSocket.OPEN })))");
        var sockets = System.Text.Json.JsonSerializer.Deserialize<SocketInfo[]>(json,
            new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        return sockets.Select(s => (s.Url, s.Protocol, s.Open)).ToList();
    }

    private sealed record SocketInfo(string Url, string Protocol, bool Open);

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
