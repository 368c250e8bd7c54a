using GraphQL;
using GraphQLParser.AST;

namespace Tiktok.Schema.Filtering;

/// <summary>What a connection's selection asks of its nodes: the basis of projection.</summary>
public static class Selections
{
    /// <summary>
    /// The names of the fields selected on the nodes of the connection being resolved, through
    /// <c>nodes</c> and <c>edges { node }</c>, fragments included. Directives are ignored: a field
    /// under <c>@skip</c> still counts as asked, which only reads more.
    /// </summary>
    public static HashSet<string> NodeFields(IResolveFieldContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in Fields(context, context.FieldAst.SelectionSet))
        {
            var name = field.Name.StringValue;
            if (name == "nodes") Collect(context, field.SelectionSet, names);
            else if (name == "edges")
                foreach (var edgeField in Fields(context, field.SelectionSet))
                    if (edgeField.Name.StringValue == "node") Collect(context, edgeField.SelectionSet, names);
        }
        return names;
    }

    private static void Collect(IResolveFieldContext context, GraphQLSelectionSet? set, HashSet<string> names)
    {
        foreach (var field in Fields(context, set)) names.Add(field.Name.StringValue);
    }

    private static IEnumerable<GraphQLField> Fields(IResolveFieldContext context, GraphQLSelectionSet? set, int depth = 0)
    {
        if (set is null || depth > 32) yield break;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline:
                    foreach (var f in Fields(context, inline.SelectionSet, depth + 1)) yield return f;
                    break;
                case GraphQLFragmentSpread spread:
                    var definition = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name.Value == spread.FragmentName.Name.Value);
                    foreach (var f in Fields(context, definition?.SelectionSet, depth + 1)) yield return f;
                    break;
            }
        }
    }
}
