using System.Globalization;

namespace Tiktok.Edge.Parameters;

/// <summary>
/// The one rule for integers sent as text: an optional '-' then ASCII digits, within 64 bits.
/// Nothing else: no '+', no whitespace, no NUL or other control characters (which .NET's own
/// parser ignores when they trail), no exponent, no grouping. Leading zeros are digits.
/// </summary>
public static class DecimalInteger
{
    public static bool TryParse(string? raw, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(raw) || raw.Length > 20) return false;
        var digits = raw.AsSpan(raw[0] == '-' ? 1 : 0);
        if (digits.IsEmpty) return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
