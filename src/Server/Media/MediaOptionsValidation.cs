using Microsoft.Extensions.Options;

namespace Tiktok.Server.Media;

/// <summary>Refuses <c>Tiktok:Media</c> settings that cannot work (<see cref="MediaOptions.Problems"/>), naming each setting.</summary>
public sealed class MediaOptionsValidation : IValidateOptions<MediaOptions>
{
    public ValidateOptionsResult Validate(string? name, MediaOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
