using GraphQL.Types;

namespace Tiktok.Schema.Paging;

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
