using Microsoft.Extensions.Options;

namespace Tiktok.Server.ScaleOut;

/// <summary>Refuses <c>Tiktok:Redis</c> settings that cannot work, naming each setting.</summary>
public sealed class RedisOptionsValidation : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions o)
    {
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Prefix)) problems.Add("Tiktok:Redis:Prefix must not be empty");
        try { _ = RedisConfigurations.Cache(o.Configuration); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            problems.Add($"Tiktok:Redis:Configuration is not a StackExchange.Redis configuration string (host:port,password=...): {e.Message}");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
