using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;

namespace Tiktok.Server.Hosting;

/// <summary>Refuses <c>Tiktok:Cache</c> settings that cannot work, naming each setting.</summary>
public sealed class CacheOptionsValidation : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions o)
    {
        var problems = new List<string>();
        if (o.EntryLifetime <= TimeSpan.Zero) problems.Add($"Tiktok:Cache:EntryLifetime must be positive, not {o.EntryLifetime}");
        if (o.LeaseDuration <= TimeSpan.Zero) problems.Add($"Tiktok:Cache:LeaseDuration must be positive, not {o.LeaseDuration}");
        if (o.FillWait < TimeSpan.Zero) problems.Add($"Tiktok:Cache:FillWait must not be negative, not {o.FillWait}");
        if (o.MemoryEntries <= 0) problems.Add($"Tiktok:Cache:MemoryEntries must be positive, not {o.MemoryEntries}");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
