using System.Net;

namespace Tiktok.Server.Observability;

/// <summary>The <c>Tiktok:Metrics</c> section: where <c>/metrics</c> is served (docs/operations.md#metrics).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Tiktok:Metrics";

    /// <summary>Port of a listener of its own that serves <c>/metrics</c> and nothing else; 0: no such listener, <c>/metrics</c> on the main port(s) to <see cref="AllowedNetworks"/> only.</summary>
    public int Port { get; set; } = 9464;

    /// <summary>Address the metrics listener binds: loopback by default; <c>0.0.0.0</c> in a container whose scraper is on another host.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Client networks (CIDR, e.g. <c>10.0.0.0/8</c>) allowed to read <c>/metrics</c>; empty: any client that reaches the metrics port.</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The metrics listener's URL, or null when there is none.</summary>
    public string? ListenerUrl => Port > 0
        ? $"http://{(IPAddress.TryParse(Address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : Address)}:{Port}"
        : null;

    /// <summary>The parsed <see cref="AllowedNetworks"/> (validated at start, so every entry parses).</summary>
    public IReadOnlyList<IPNetwork> Networks() => AllowedNetworks.Select(IPNetwork.Parse).ToList();
}
