using Microsoft.Extensions.Options;

namespace Tiktok.Server.Hosting;

/// <summary>
/// <c>Tiktok:ApiReference:Enabled</c>: whether the REST API's OpenAPI document and its interactive
/// reference are served; by default in Development only (docs/rest-compat.md#openapi).
/// </summary>
public sealed class ApiReferenceOptions
{
    public const string Section = "Tiktok:ApiReference";
    public const string EnabledKey = Section + ":Enabled";

    public bool Enabled { get; init; }

    /// <summary>The setting, or the environment's default; a value other than true/false is refused, naming the setting.</summary>
    public static ApiReferenceOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var raw = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(raw)) return new ApiReferenceOptions { Enabled = environment.IsDevelopment() };
        if (bool.TryParse(raw.Trim(), out var enabled)) return new ApiReferenceOptions { Enabled = enabled };
        throw new OptionsValidationException(Options.DefaultName, typeof(ApiReferenceOptions),
            [$"{EnabledKey} must be true or false, not '{raw}'"]);
    }
}
