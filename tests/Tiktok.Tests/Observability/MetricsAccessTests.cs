using System.Net;
using Microsoft.Extensions.Options;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Observability;

/// <summary><c>/metrics</c> only where <c>Tiktok:Metrics</c> says; a 404 everywhere else.</summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task By_default_metrics_are_served_on_their_own_port_only_and_that_port_serves_nothing_else()
    {
        using var f = new TiktokFactory();
        var http = f.CreateClient();
        using var publicPort = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Equal(404, (await f.ScrapeAsync(localPort: 8080)).Status);
        Assert.Equal(404, (await f.ScrapeAsync(path: "/METRICS", localPort: 8080)).Status);
        Assert.Equal(200, (await f.ScrapeAsync()).Status);
        Assert.Equal(404, (await f.ScrapeAsync(path: "/douyin/feed/")).Status);
        Assert.Equal(404, (await f.ScrapeAsync(path: "/healthz")).Status);
        f.DeleteData();
    }

    [Fact]
    public async Task An_allow_list_limits_metrics_to_the_listed_networks_on_the_main_port()
    {
        using var f = new TiktokFactory(settings: new()
        {
            ["Tiktok:Metrics:Port"] = "0",
            ["Tiktok:Metrics:AllowedNetworks:0"] = "10.1.0.0/16",
            ["Tiktok:Metrics:AllowedNetworks:1"] = "::1/128",
        });
        Assert.Equal(200, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.Parse("10.1.2.3"))).Status);
        Assert.Equal(200, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.Parse("::ffff:10.1.2.3"))).Status);
        Assert.Equal(200, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.IPv6Loopback)).Status);
        Assert.Equal(404, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.Parse("10.2.0.1"))).Status);
        Assert.Equal(404, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.Loopback)).Status);
        // Without an address (an in-process or Unix-socket client) nothing is known: refused.
        using var noAddress = await f.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, noAddress.StatusCode);
        Assert.Equal(200, (await f.ScrapeAsync(localPort: 8080, client: IPAddress.Parse("10.1.200.1"), path: "/healthz")).Status);
        f.DeleteData();
    }

    [Theory]
    [InlineData("Tiktok:Metrics:Port", "0", "Tiktok:Metrics:AllowedNetworks")]
    [InlineData("Tiktok:Metrics:Port", "70000", "Tiktok:Metrics:Port")]
    [InlineData("Tiktok:Metrics:Address", "localhost:80", "Tiktok:Metrics:Address")]
    [InlineData("Tiktok:Metrics:AllowedNetworks:0", "10.0.0.0/33", "Tiktok:Metrics:AllowedNetworks")]
    public void A_bad_metrics_setting_stops_the_server_naming_it(string key, string value, string named)
    {
        using var f = new TiktokFactory(settings: new() { [key] = value });
        var e = Assert.Throws<OptionsValidationException>(() => f.CreateClient());
        Assert.Contains(named, e.Message);
        f.DeleteData();
    }
}
