using System.Globalization;
using System.Text;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Validation;

/// <summary>Rules for user-written text, applied by the domain whatever the front (docs/errors.md, "Text").</summary>
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
        RefuseIllFormedOrBidi(field, value);
        return value;
    }

    /// <summary>A title may be empty but not over <paramref name="max"/> characters or hold control characters.</summary>
    public static string Title(Field field, string? value, int max)
    {
        if (value is null) throw DomainErrors.Missing(field);
        var trimmed = value.Trim();
        if (trimmed.Length > max) throw DomainErrors.TooLong(field, max);
        if (trimmed.Any(char.IsControl)) throw DomainErrors.Invalid(field, "must not contain control characters");
        RefuseIllFormedOrBidi(field, trimmed);
        return trimmed;
    }

    /// <summary>
    /// A username as stored: normalised (<see cref="NormalizeUsername"/>), 1..max characters, no
    /// whitespace at either end, and only visible characters: no control, format (zero-width, bidi,
    /// BOM), separator, private-use or unassigned code points, no compatibility forms.
    /// </summary>
    public static string Username(Field field, string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(field);
        if (value.Length > 4 * max) throw DomainErrors.TooLong(field, max);
        if (!IsWellFormed(value)) throw DomainErrors.Invalid(field, "must be valid Unicode text");
        var name = NormalizeUsername(value);
        if (name.Length > max) throw DomainErrors.TooLong(field, max);
        if (name.Trim().Length != name.Length) throw DomainErrors.Invalid(field, "must not start or end with whitespace");
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.IsControl(rune)) throw DomainErrors.Invalid(field, "must not contain control characters");
            if (IsInvisible(rune))
                throw DomainErrors.Invalid(field, $"must not contain invisible or unassigned characters (U+{rune.Value:X4})");
        }
        if (!name.IsNormalized(NormalizationForm.FormKC))
            throw DomainErrors.Invalid(field, "must not contain compatibility characters (ligatures, superscripts, circled or styled letters)");
        return name;
    }

    /// <summary>
    /// The form a name is stored and looked up in, the same for sign-up and log-in: full-width and
    /// half-width forms mapped to their ordinary characters, then Unicode NFC. A name that is not
    /// valid UTF-16 is returned as it is (sign-up refuses it).
    /// </summary>
    public static string NormalizeUsername(string value)
    {
        if (!IsWellFormed(value)) return value;
        var mapped = value.Any(IsWidthForm)
            ? string.Concat(value.Select(c => IsWidthForm(c) ? c.ToString().Normalize(NormalizationForm.FormKC) : c.ToString()))
            : value;
        return mapped.IsNormalized(NormalizationForm.FormC) ? mapped : mapped.Normalize(NormalizationForm.FormC);
    }

    public static string Password(Field field, string? value, int min, int max)
    {
        if (string.IsNullOrEmpty(value)) throw DomainErrors.Missing(field);
        if (value.Length > max) throw DomainErrors.TooLong(field, max);
        if (value.Length < min) throw DomainErrors.TooShort(field, min);
        return value;
    }

    /// <summary>The Halfwidth and Fullwidth Forms block and the ideographic space (PRECIS width mapping).</summary>
    private static bool IsWidthForm(char c) => c is >= '\uFF00' and <= '\uFFEF' or '\u3000';

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i])) continue;
            if (!char.IsHighSurrogate(value[i]) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>Characters that show nothing, or nothing reliable, in a name.</summary>
    private static bool IsInvisible(Rune rune)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.Format:            // zero-width space/joiners, bidi controls, BOM, soft hyphen
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.Surrogate:
                return true;
            case UnicodeCategory.SpaceSeparator:    // only the ordinary space
                return rune.Value != ' ';
        }
        // Default-ignorable code points outside Cf: Hangul fillers, the combining grapheme joiner,
        // Khmer inherent vowels, Mongolian and other variation selectors; and the Braille blank.
        return rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0 or 0x2800
            or (>= 0x180B and <= 0x180F) or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
    }

    /// <summary>Text that is not valid UTF-16, or holds bidi embedding/override/isolate controls (which reorder what others see).</summary>
    private static void RefuseIllFormedOrBidi(Field field, string value)
    {
        if (!IsWellFormed(value)) throw DomainErrors.Invalid(field, "must be valid Unicode text");
        if (value.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
            throw DomainErrors.Invalid(field, "must not contain bidirectional control characters");
    }
}
