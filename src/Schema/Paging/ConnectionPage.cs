using Tiktok.Core.Lists;

namespace Tiktok.Schema.Paging;

/// <summary>One page of a Relay-style connection.</summary>
public sealed record ConnectionPage<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage) : IPageInfo
{
    public IReadOnlyList<T> Nodes => Edges.Select(e => e.Node).ToList();
    public string? EndCursor => Edges.Count == 0 ? null : Edges[^1].Cursor;

    /// <summary>From <paramref name="first"/> + 1 fetched items: the extra one only says there is more.</summary>
    public static ConnectionPage<T> FromOverfetch<TItem>(IReadOnlyList<TItem> items, int first, Func<TItem, T> node, Func<TItem, string> cursor) =>
        new(items.Take(first).Select(i => new Edge<T>(cursor(i), node(i))).ToList(), items.Count > first);

    /// <summary>From <paramref name="first"/> + 1 keyed rows of a list of this <paramref name="kind"/> under this <paramref name="order"/>.</summary>
    public static ConnectionPage<T> FromKeyed(IReadOnlyList<Keyed<T>> rows, int first, char kind, string order) =>
        FromOverfetch(rows, first, r => r.Item, r => Cursors.EncodeKeys(kind, order, r.Keys));
}
