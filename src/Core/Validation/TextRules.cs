using Tiktok.Core.Errors;

namespace Tiktok.Core.Validation;

/// <summary>Rules for user-written text, applied by the domain whatever the front.</summary>
public static class TextRules
{
    /// <summary>Free text (comment, message): not blank, at most <paramref name="max"/> characters, no control characters but newline and tab.</summary>
    public static string Content(string parameter, string? value, int max)
    {
        if (value is null) throw DomainErrors.Missing(parameter);
        if (string.IsNullOrWhiteSpace(value)) throw DomainErrors.Invalid(parameter, "must not be blank");
        if (value.Length > max) throw DomainErrors.TooLong(parameter, max);
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r'))
            throw DomainErrors.Invalid(parameter, "must not contain control characters");
        return value;
    }

    /// <summary>A title may be empty but not over <paramref name="max"/> characters or hold control characters.</summary>
    public static string Title(string parameter, string? value, int max)
    {
        if (value is null) throw DomainErrors.Missing(parameter);
        var trimmed = value.Trim();
        if (trimmed.Length > max) throw DomainErrors.TooLong(parameter, max);
        if (trimmed.Any(char.IsControl)) throw DomainErrors.Invalid(parameter, "must not contain control characters");
        return trimmed;
    }

    /// <summary>A username: 1..max characters, no whitespace at either end, no control characters.</summary>
    public static string Username(string parameter, string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(parameter);
        if (value.Length > max) throw DomainErrors.TooLong(parameter, max);
        if (value.Trim().Length != value.Length) throw DomainErrors.Invalid(parameter, "must not start or end with whitespace");
        if (value.Any(char.IsControl)) throw DomainErrors.Invalid(parameter, "must not contain control characters");
        return value;
    }

    public static string Password(string parameter, string? value, int min, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(parameter);
        if (value.Length > max) throw DomainErrors.TooLong(parameter, max);
        if (value.Length < min) throw DomainErrors.TooShort(parameter, min);
        return value;
    }
}
