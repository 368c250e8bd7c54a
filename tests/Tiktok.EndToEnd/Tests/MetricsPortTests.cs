using System.Net;
using Tiktok.EndToEnd.Infrastructure;

namespace Tiktok.EndToEnd.Tests;

/// <summary>On a real Kestrel: <c>/metrics</c> lives on its own loopback listener; the public port answers it 404.</summary>
[Collection(ServerCollection.Name)]
public sealed class MetricsPortTests(ServerFixture fixture)
{
    [Fact]
    public async Task Metrics_are_served_on_their_own_port_and_not_on_the_public_one()
    {
        using var publicPort = await fixture.Http.GetAsync(fixture.BaseUrl + "/metrics");
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        if (fixture.MetricsUrl is not { } metrics) return; // an external server's metrics port is its operator's

        using var scrape = await fixture.Http.GetAsync(metrics + "/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("http_requests_received_total", await scrape.Content.ReadAsStringAsync());
        using var other = await fixture.Http.GetAsync(metrics + "/douyin/feed/");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
