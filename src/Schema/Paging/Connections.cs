using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.Paging;

public interface IPageInfo
{
    bool HasNextPage { get; }
    string? EndCursor { get; }
}

/// <summary>One page of a Relay-style connection.</summary>
public sealed record ConnectionPage<T>(IReadOnlyList<Edge<T>> Edges, bool HasNextPage) : IPageInfo
{
    public IReadOnlyList<T> Nodes => Edges.Select(e => e.Node).ToList();
    public string? EndCursor => Edges.Count == 0 ? null : Edges[^1].Cursor;

    /// <summary>From <paramref name="first"/> + 1 fetched items: the extra one only says there is more.</summary>
    public static ConnectionPage<T> FromOverfetch<TItem>(IReadOnlyList<TItem> items, int first, Func<TItem, T> node, Func<TItem, string> cursor) =>
        new(items.Take(first).Select(i => new Edge<T>(cursor(i), node(i))).ToList(), items.Count > first);
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed class PageInfoType : ObjectGraphType<IPageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

/// <summary>Connection and edge types for a node type: <c>{ edges { cursor node } nodes pageInfo }</c>.</summary>
public sealed class ConnectionType<TNodeType, TNode> : ObjectGraphType<ConnectionPage<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var nodeName = typeof(TNodeType).Name.Replace("GraphType", "").Replace("Type", "");
        Name = nodeName + "Connection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType, TNode>>>>>("edges").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
    }
}

public sealed class EdgeType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>> where TNodeType : IGraphType
{
    public EdgeType()
    {
        Name = typeof(TNodeType).Name.Replace("GraphType", "").Replace("Type", "") + "Edge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Resolve(c => c.Source.Node);
    }
}

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
