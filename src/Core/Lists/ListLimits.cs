namespace Tiktok.Core.Lists;

/// <summary>Bounds on a list's filter and order, so that any accepted one stays a cheap query.</summary>
public static class ListLimits
{
    /// <summary>Most values in one <c>in</c> list.</summary>
    public const int MaxInValues = 50;

    /// <summary>Longest text operand (<c>eq</c>, <c>contains</c>, each <c>in</c> value), in characters.</summary>
    public const int MaxTextLength = 100;

    /// <summary>Deepest nesting of <c>and</c>/<c>or</c> inside one filter.</summary>
    public const int MaxNesting = 3;

    /// <summary>Most field conditions in one filter, over all its levels.</summary>
    public const int MaxConditions = 20;

    /// <summary>Most keys in one order (the id is always added last, as tie-breaker).</summary>
    public const int MaxSortKeys = 2;
}
