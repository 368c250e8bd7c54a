using System.Net;
using Microsoft.Extensions.Options;

namespace Tiktok.Server.Observability;

/// <summary>Refuses <c>Tiktok:Metrics</c> settings that cannot work or would open <c>/metrics</c> to everyone.</summary>
public sealed class MetricsOptionsValidation : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions o)
    {
        var problems = new List<string>();
        if (o.Port is < 0 or > 65535) problems.Add($"Tiktok:Metrics:Port must be 0 (no listener of its own) or a port number, not {o.Port}");
        if (o.Port > 0 && !IPAddress.TryParse(o.Address, out _))
            problems.Add($"Tiktok:Metrics:Address must be an IP address such as 127.0.0.1 or 0.0.0.0, not '{o.Address}'");
        foreach (var network in o.AllowedNetworks)
            if (!IPNetwork.TryParse(network, out _))
                problems.Add($"Tiktok:Metrics:AllowedNetworks entry '{network}' is not a CIDR network such as 10.0.0.0/8 or ::1/128");
        if (o.Port == 0 && o.AllowedNetworks.Count == 0)
            problems.Add("Tiktok:Metrics:AllowedNetworks must list the scrapers' networks when Tiktok:Metrics:Port is 0, or /metrics would be open on the public port");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
