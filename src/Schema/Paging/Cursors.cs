using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.Paging;

/// <summary>Opaque cursors: base64url of "kind:time:id".</summary>
public static class Cursors
{
    public const int MaxPage = 50;

    public static string Encode(char kind, long a, long b = 0) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{kind}:{a}:{b}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static TimeCursor? Decode(char kind, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 3 && parts[0].Length == 1 && parts[0][0] == kind)
                return new TimeCursor(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        catch (FormatException) { }
        throw DomainErrors.Invalid("after", "is not a cursor of this list");
    }

    /// <summary>A cursor of a keyset list: its kind, the order it was issued under, and the row's key values (the id last).</summary>
    public static string EncodeKeys(char kind, string order, IReadOnlyList<long> keys) =>
        Base64Url($"{kind}|{order}|{string.Join(':', keys)}");

    /// <summary>
    /// The key values of an <c>after</c> cursor issued by this list under this order; a cursor of
    /// another list, or of this list under another order, is refused naming <paramref name="argument"/>.
    /// </summary>
    public static long[]? DecodeKeys(char kind, string order, int keyCount, string? cursor, string argument = "after")
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        string[] parts;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('|');
        }
        catch (FormatException) { parts = []; }
        if (parts.Length != 3 || parts[0] != kind.ToString()) throw DomainErrors.Invalid(argument, "is not a cursor of this list");
        if (parts[1] != order)
            throw DomainErrors.Invalid(argument, "was issued under another order of this list: ask the first page again with this order");
        var values = parts[2].Split(':');
        var keys = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
            if (!long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out keys[i]))
                throw DomainErrors.Invalid(argument, "is not a cursor of this list");
        if (keys.Length != keyCount) throw DomainErrors.Invalid(argument, "is not a cursor of this list");
        return keys;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The <c>first</c> argument, checked against the page cap.</summary>
    public static int First(IResolveFieldContext context, int max = MaxPage)
    {
        var first = context.GetArgument("first", 10);
        if (first < 0 || first > max) throw DomainErrors.OutOfRange("first", $"must be between 0 and {max}");
        return first;
    }

    public static QueryArguments Arguments(int defaultFirst = 10) => new(
        new QueryArgument<IntGraphType> { Name = "first", DefaultValue = defaultFirst, Description = $"page size, at most {MaxPage}" },
        new QueryArgument<StringGraphType> { Name = "after", Description = "the endCursor of the previous page" });
}
