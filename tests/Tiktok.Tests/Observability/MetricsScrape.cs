using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Observability;

/// <summary>A GET as if received on a given local port from a given client address (the test server has neither of its own).</summary>
internal static class MetricsScrape
{
    public const int DefaultPort = 9464;

    public static async Task<(int Status, string? ContentType, string Body)> ScrapeAsync(this TiktokFactory f,
        int localPort = DefaultPort, IPAddress? client = null, string path = "/metrics")
    {
        var body = new MemoryStream();
        var http = await f.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.LocalPort = localPort;
            c.Connection.RemoteIpAddress = client ?? IPAddress.Loopback;
            c.Response.Body = body;
        });
        return (http.Response.StatusCode, http.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
