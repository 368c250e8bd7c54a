namespace Tiktok.Core.Lists;

/// <summary>How a client wants a list: an optional filter and an order (empty: the list's own order).</summary>
public sealed record ListQuery<TField>(Filter<TField>? Where, IReadOnlyList<SortKey<TField>> Order)
    where TField : struct, Enum
{
    public static ListQuery<TField> Default { get; } = new(null, []);

    /// <summary>Neither a filter nor an order: the list as it always was (and as the batch loaders serve it).</summary>
    public bool IsDefault => Where is null && Order.Count == 0;

    /// <summary>Names the order, so that a cursor issued under one order is refused under another.</summary>
    public string OrderSignature => string.Join(",", Order.Select(k => $"{k.Field}{(k.Descending ? "-" : "+")}"));
}
