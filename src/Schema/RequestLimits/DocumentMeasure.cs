using GraphQLParser.AST;

namespace Tiktok.Schema.RequestLimits;

/// <summary>
/// Measures a parsed document against <see cref="GraphQLLimits"/> in time linear in its text:
/// fragments are measured once per context (memoised), never expanded, so a document of fragments
/// that spread each other twice per level costs what its text costs. Refuses fragment cycles and,
/// inside introspection, a list field (<c>fields</c>, <c>types</c>…) nested in itself.
/// </summary>
public static class DocumentMeasure
{
    /// <summary>Why the document is over a limit, or null when it is within every one.</summary>
    public static string? Violation(GraphQLDocument document, GraphQLLimits limits)
    {
        try
        {
            CountWritten(document, limits);
            var expansion = new Expansion(document, limits);
            expansion.MeasureOperations();
            expansion.CountMergePairs(); // expands fragments: safe now that their expanded size is known to be small
            return null;
        }
        catch (LimitExceeded over)
        {
            return over.Message;
        }
    }

    private sealed class LimitExceeded(string message) : Exception(message);

    private static void CountWritten(GraphQLDocument document, GraphQLLimits limits)
    {
        int aliases = 0, spreads = 0, directives = 0;
        var pending = new Stack<ASTNode>();
        foreach (var definition in document.Definitions) pending.Push(definition);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            GraphQLDirectives? onNode = null;
            GraphQLSelectionSet? children = null;
            switch (node)
            {
                case GraphQLOperationDefinition operation:
                    onNode = operation.Directives; children = operation.SelectionSet; break;
                case GraphQLFragmentDefinition fragment:
                    onNode = fragment.Directives; children = fragment.SelectionSet; break;
                case GraphQLField field:
                    if (field.Alias is not null && ++aliases > limits.MaxAliases)
                        throw new LimitExceeded($"the document has more than {limits.MaxAliases} aliases (Tiktok:GraphQL:MaxAliases)");
                    onNode = field.Directives; children = field.SelectionSet; break;
                case GraphQLFragmentSpread spread:
                    Spread(); onNode = spread.Directives; break;
                case GraphQLInlineFragment inline:
                    Spread(); onNode = inline.Directives; children = inline.SelectionSet; break;
            }
            if (onNode is not null && (directives += onNode.Items.Count) > limits.MaxDirectives)
                throw new LimitExceeded($"the document has more than {limits.MaxDirectives} directives (Tiktok:GraphQL:MaxDirectives)");
            if (children is null) continue;
            foreach (var selection in children.Selections) pending.Push(selection);
        }

        void Spread()
        {
            if (++spreads > limits.MaxFragmentSpreads)
                throw new LimitExceeded($"the document has more than {limits.MaxFragmentSpreads} fragment spreads (Tiktok:GraphQL:MaxFragmentSpreads)");
        }
    }

    /// <summary>What a selection set costs once expanded: fields, and the deepest path outside and inside introspection.</summary>
    private readonly record struct Size(long Fields, int Depth, int IntrospectionDepth);

    private sealed class Expansion(GraphQLDocument document, GraphQLLimits limits)
    {
        // Introspection list fields that may not nest in themselves (HotChocolate's rule too): with
        // each at most once on a path, an introspection answer is bounded by the schema's size.
        private static readonly string[] ListFields = ["types", "fields", "inputFields", "interfaces", "possibleTypes", "enumValues"];
        private const int Introspecting = 1 << 10;

        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = Fragments(document);
        private readonly Dictionary<(string, int), Size?> _measured = [];
        private long _total;

        public void MeasureOperations()
        {
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                var size = Measure(operation.SelectionSet, 0);
                _total += size.Fields;
                if (_total > limits.MaxFields) throw TooManyFields();
                if (size.Depth > limits.MaxDepth)
                    throw new LimitExceeded($"the query depth is {size.Depth}; the limit is {limits.MaxDepth} (Tiktok:GraphQL:MaxDepth)");
                if (size.IntrospectionDepth > limits.MaxIntrospectionDepth)
                    throw new LimitExceeded($"the introspection query depth is {size.IntrospectionDepth}; the limit is {limits.MaxIntrospectionDepth} (Tiktok:GraphQL:MaxIntrospectionDepth)");
            }
        }

        /// <summary>
        /// Fields under one response name in one selection set (fragments merged in) are compared
        /// pairwise by validation (OverlappingFieldsCanBeMerged): bound the number of such pairs.
        /// </summary>
        public void CountMergePairs()
        {
            long pairs = 0;
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
                Merge([operation.SelectionSet]);

            void Merge(List<GraphQLSelectionSet> sets)
            {
                var byName = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
                var pending = new Stack<GraphQLSelectionSet>(sets);
                var spread = new HashSet<string>(StringComparer.Ordinal);
                while (pending.Count > 0)
                {
                    foreach (var selection in pending.Pop().Selections)
                    {
                        switch (selection)
                        {
                            case GraphQLField field:
                                var name = (field.Alias?.Name ?? field.Name).StringValue;
                                if (!byName.TryGetValue(name, out var group)) byName[name] = group = [];
                                group.Add(field);
                                break;
                            case GraphQLInlineFragment inline:
                                pending.Push(inline.SelectionSet);
                                break;
                            case GraphQLFragmentSpread fragmentSpread
                                when _fragments.TryGetValue(fragmentSpread.FragmentName.Name.StringValue, out var fragment):
                                // Spread twice at one level, a fragment's fields are the same fields: count them once.
                                if (spread.Add(fragmentSpread.FragmentName.Name.StringValue)) pending.Push(fragment.SelectionSet);
                                break;
                        }
                    }
                }
                foreach (var group in byName.Values)
                {
                    pairs += (long)group.Count * (group.Count - 1) / 2;
                    if (pairs > limits.MaxFieldMergePairs)
                        throw new LimitExceeded($"the document has more than {limits.MaxFieldMergePairs} pairs of fields under one response name (Tiktok:GraphQL:MaxFieldMergePairs)");
                    var children = group.Where(f => f.SelectionSet is not null).Select(f => f.SelectionSet!).ToList();
                    if (children.Count > 0) Merge(children);
                }
            }
        }

        private LimitExceeded TooManyFields() =>
            new($"the document selects more than {limits.MaxFields} fields once its fragments are expanded (Tiktok:GraphQL:MaxFields)");

        private static Dictionary<string, GraphQLFragmentDefinition> Fragments(GraphQLDocument document)
        {
            var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
            foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment); // duplicates: validation reports them
            return fragments;
        }

        /// <summary><paramref name="context"/>: <see cref="Introspecting"/> plus a bit per list field already on the path.</summary>
        private Size Measure(GraphQLSelectionSet? set, int context)
        {
            if (set is null) return default;
            long fields = 0;
            int depth = 0, introspectionDepth = 0;
            foreach (var selection in set.Selections)
            {
                Size part;
                switch (selection)
                {
                    case GraphQLField field:
                        part = MeasureField(field, context);
                        break;
                    case GraphQLInlineFragment inline:
                        part = Measure(inline.SelectionSet, context);
                        break;
                    case GraphQLFragmentSpread spread:
                        part = MeasureFragment(spread.FragmentName.Name.StringValue, context);
                        break;
                    default:
                        continue;
                }
                fields += part.Fields;
                if (fields > limits.MaxFields) throw TooManyFields();
                depth = Math.Max(depth, part.Depth);
                introspectionDepth = Math.Max(introspectionDepth, part.IntrospectionDepth);
            }
            return new Size(fields, depth, introspectionDepth);
        }

        private Size MeasureField(GraphQLField field, int context)
        {
            var name = field.Name.StringValue;
            if ((context & Introspecting) == 0)
            {
                if (name is "__schema" or "__type")
                {
                    if (!limits.Introspection)
                        throw new LimitExceeded("introspection is turned off on this server (Tiktok:GraphQL:Introspection)");
                    var inner = Measure(field.SelectionSet, Introspecting);
                    return new Size(1 + inner.Fields, 1, 1 + inner.IntrospectionDepth);
                }
                var child = Measure(field.SelectionSet, context);
                return new Size(1 + child.Fields, 1 + child.Depth, child.IntrospectionDepth == 0 ? 0 : 1 + child.IntrospectionDepth);
            }

            var bit = Array.IndexOf(ListFields, name);
            if (bit >= 0)
            {
                if ((context & (1 << bit)) != 0)
                    throw new LimitExceeded($"introspection field '{name}' is nested inside another '{name}'; each list of the schema may appear once on a path");
                context |= 1 << bit;
            }
            var nested = Measure(field.SelectionSet, context);
            return new Size(1 + nested.Fields, 0, 1 + nested.IntrospectionDepth);
        }

        private Size MeasureFragment(string name, int context)
        {
            if (!_fragments.TryGetValue(name, out var fragment)) return default; // validation reports unknown fragments
            if (_measured.TryGetValue((name, context), out var known))
                return known ?? throw new LimitExceeded($"fragment '{name}' spreads itself, directly or through other fragments");
            _measured[(name, context)] = null; // in progress: meeting it again is a cycle
            var size = Measure(fragment.SelectionSet, context);
            _measured[(name, context)] = size;
            return size;
        }
    }
}
