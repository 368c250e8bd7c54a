using Microsoft.Playwright;
using Tiktok.Testing;

namespace Tiktok.Browser.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The suite's server with Tiktok:GraphQL:TrustedDocuments=Only: only the web client's registered operations run.</summary>
public sealed class TrustedOnlyBrowserFixture : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings) { ["Tiktok__GraphQL__TrustedDocuments"] = "Only" };
}

[CollectionDefinition(Name)]
public sealed class TrustedOnlyBrowserCollection : ICollectionFixture<TrustedOnlyBrowserFixture>
{
    public const string Name = "browser, trusted documents only";
}

/// <summary>
/// The real server as a separate process (fresh temporary data directory, fast password hash, no practical
/// rate limit on register/log-in) and one headless Debian Chromium driven by Playwright. Playwright never
/// downloads a browser here: it launches /usr/bin/chromium through ExecutablePath.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>The server's environment: a fast password hash, no practical rate limit on register/log-in.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Tiktok__AuthRequestsPerMinute"] = "100000",
        ["Tiktok__PasswordWorkFactor"] = "4",
        // The REST API's reference (/docs/api), off by default in Production, for ApiReferenceTests.
        ["Tiktok__ApiReference__Enabled"] = "true",
    };

    /// <summary>Debian's chromium; TIKTOK_BROWSER_CHROMIUM points elsewhere (e.g. to check the skip path).</summary>
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("TIKTOK_BROWSER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private string? _workDir;
    private ServerProcess? _server;
    private IPlaywright? _playwright;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("server not started");
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Screenshots of the main screens, next to the test assembly.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Under CI the tests run and fail with ChromiumFact's message; elsewhere they are skipped.
            return;
        }
        Directory.CreateDirectory(ScreenshotDir);
        _workDir = Path.Combine(Path.GetTempPath(), "tiktok-browser-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(_workDir, "data"));
        _server = await ServerProcess.StartAsync(Path.Combine(_workDir, "data"), Path.Combine(_workDir, "server.log"),
            new Dictionary<string, string>(Settings));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--autoplay-policy=no-user-gesture-required",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh, isolated browser profile (its own localStorage), as a phone or a desktop.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool phone)
    {
        var options = phone
            ? new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
                BaseURL = BaseUrl,
            }
            : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, BaseURL = BaseUrl };
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public string LogTail() => _server is null ? "" : $"--- server log (last lines) ---\n{_server.Tail(25)}";

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_workDir is not null && Environment.GetEnvironmentVariable("TIKTOK_BROWSER_KEEP_DATA") is null)
        {
            try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>
/// A browser test: skipped with a one-line reason when Debian's chromium is not installed, except under
/// CI=true, where it runs and fails (a CI machine must have it: .ci/run installs it).
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath) && !IsCi)
            Skip = $"{BrowserFixture.ChromiumPath} not found: install Debian's chromium (apt-get install chromium) to run the browser tests";
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Called first in every browser test: under CI a missing browser is a failure with a clear message.</summary>
    public static void RequireChromium()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
            Assert.Fail($"{BrowserFixture.ChromiumPath} is missing and CI=true: the browser tests need Debian's chromium " +
                        "(apt-get install -y --no-install-recommends chromium; .ci/run does this)");
    }
}
