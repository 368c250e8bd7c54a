using Tiktok.Core.Errors;

namespace Tiktok.Core.Validation;

/// <summary>Rules for user-written text, applied by the domain whatever the front.</summary>
public static class TextRules
{
    /// <summary>Free text (comment, message): not blank, at most <paramref name="max"/> characters, no control characters but newline and tab.</summary>
    public static string Content(Field field, string? value, int max)
    {
        if (value is null) throw DomainErrors.Missing(field);
        if (string.IsNullOrWhiteSpace(value)) throw DomainErrors.Invalid(field, "must not be blank");
        if (value.Length > max) throw DomainErrors.TooLong(field, max);
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\t' and not '\r'))
            throw DomainErrors.Invalid(field, "must not contain control characters");
        return value;
    }

    /// <summary>A title may be empty but not over <paramref name="max"/> characters or hold control characters.</summary>
    public static string Title(Field field, string? value, int max)
    {
        if (value is null) throw DomainErrors.Missing(field);
        var trimmed = value.Trim();
        if (trimmed.Length > max) throw DomainErrors.TooLong(field, max);
        if (trimmed.Any(char.IsControl)) throw DomainErrors.Invalid(field, "must not contain control characters");
        return trimmed;
    }

    /// <summary>A username: 1..max characters, no whitespace at either end, no control characters.</summary>
    public static string Username(Field field, string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(field);
        if (value.Length > max) throw DomainErrors.TooLong(field, max);
        if (value.Trim().Length != value.Length) throw DomainErrors.Invalid(field, "must not start or end with whitespace");
        if (value.Any(char.IsControl)) throw DomainErrors.Invalid(field, "must not contain control characters");
        return value;
    }

    public static string Password(Field field, string? value, int min, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(field);
        if (value.Length > max) throw DomainErrors.TooLong(field, max);
        if (value.Length < min) throw DomainErrors.TooShort(field, min);
        return value;
    }
}
