using System.Globalization;

namespace Tiktok.Core.Moderation;

/// <summary>The <c>Tiktok:Moderation</c> section: who may list reports and remove reported content.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Tiktok:Moderation";

    /// <summary>
    /// The operators: each entry a user id (ASCII digits only) or a user name (anything else, compared
    /// after the same normalisation as log-in). Empty: nobody moderates.
    /// </summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>The entries that are ids.</summary>
    public IEnumerable<long> OperatorIds() =>
        Operators.Where(IsId).Select(o => long.Parse(o, NumberStyles.None, CultureInfo.InvariantCulture));

    /// <summary>The entries that are names.</summary>
    public IEnumerable<string> OperatorNames() => Operators.Where(o => !IsId(o));

    public static bool IsId(string entry) => entry.Length is > 0 and <= 18 && entry.All(char.IsAsciiDigit);
}
