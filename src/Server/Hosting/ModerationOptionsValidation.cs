using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Moderation;
using Tiktok.Core.Validation;

namespace Tiktok.Server.Hosting;

/// <summary>Refuses <c>Tiktok:Moderation</c> settings that name nobody, naming each entry.</summary>
public sealed class ModerationOptionsValidation : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions o)
    {
        var problems = new List<string>();
        for (var i = 0; i < o.Operators.Count; i++)
        {
            var entry = o.Operators[i] ?? "";
            var setting = $"Tiktok:Moderation:Operators:{i}";
            if (ModerationOptions.IsId(entry))
            {
                if (long.Parse(entry, System.Globalization.CultureInfo.InvariantCulture) <= 0) problems.Add($"{setting} must be a positive user id, not '{entry}'");
                continue;
            }
            if (entry.Length > 0 && entry.All(char.IsAsciiDigit))
            {
                problems.Add($"{setting} is too long for a user id: '{entry}'");
                continue;
            }
            try
            {
                TextRules.Username(Field.Username, entry, Limits.UsernameMax);
            }
            catch (DomainException)
            {
                problems.Add($"{setting} must be a user id (digits) or a valid user name, not '{entry}'");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
