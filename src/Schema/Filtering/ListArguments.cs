using System.Collections;
using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Lists;

namespace Tiktok.Schema.Filtering;

/// <summary>
/// The <c>where</c> and <c>order</c> arguments of a list, read into the domain's
/// <see cref="ListQuery{TField}"/> and held to <see cref="ListLimits"/>; refusals name the argument path.
/// </summary>
public static class ListArguments
{
    /// <summary>Paging arguments plus <c>where: TFilter</c> and <c>order: [TSort!]</c>.</summary>
    public static QueryArguments With<TFilter, TSort>(QueryArguments paging)
        where TFilter : IInputObjectGraphType where TSort : IInputObjectGraphType
    {
        paging.Add(new QueryArgument<TFilter> { Name = "where", Description = "keep only the items that match (in the database)" });
        paging.Add(new QueryArgument<ListGraphType<NonNullGraphType<TSort>>>
        {
            Name = "order",
            Description = $"at most {ListLimits.MaxSortKeys} keys, one field each; none: the list's own order",
        });
        return paging;
    }

    public static ListQuery<TField> Read<TField>(IResolveFieldContext context, IReadOnlyList<ListFieldSpec<TField>> fields)
        where TField : struct, Enum
    {
        var where = context.GetArgument<object?>("where") is IDictionary<string, object?> w ? ReadFilter(w, "where", 0, fields, new Counter()) : null;
        var order = context.GetArgument<object?>("order") is IEnumerable o ? ReadOrder(o, fields) : [];
        return where is null && order.Count == 0 ? ListQuery<TField>.Default : new ListQuery<TField>(where, order);
    }

    private sealed class Counter
    {
        public int Conditions;
    }

    private static Filter<TField> ReadFilter<TField>(IDictionary<string, object?> input, string path, int depth,
        IReadOnlyList<ListFieldSpec<TField>> fields, Counter counter)
    {
        var conditions = new List<Condition<TField>>();
        var and = new List<Filter<TField>>();
        var or = new List<Filter<TField>>();
        foreach (var (name, value) in input)
        {
            if (value is null) continue;
            if (name is "and" or "or")
            {
                if (depth + 1 > ListLimits.MaxNesting)
                    throw DomainErrors.OutOfRange($"{path}.{name}", $"and/or nest at most {ListLimits.MaxNesting} levels");
                var i = 0;
                foreach (var entry in (IEnumerable)value)
                {
                    var filter = ReadFilter((IDictionary<string, object?>)entry!, $"{path}.{name}[{i++}]", depth + 1, fields, counter);
                    (name == "and" ? and : or).Add(filter);
                }
                continue;
            }
            var spec = fields.First(f => f.Name == name);
            foreach (var (op, operand) in (IDictionary<string, object?>)value)
            {
                if (operand is null) continue;
                var at = $"{path}.{name}.{op}";
                if (++counter.Conditions > ListLimits.MaxConditions)
                    throw DomainErrors.OutOfRange(at, $"a filter has at most {ListLimits.MaxConditions} conditions");
                conditions.Add(Condition(spec, op, operand, at));
            }
        }
        return new Filter<TField>(conditions, and, or);
    }

    private static Condition<TField> Condition<TField>(ListFieldSpec<TField> spec, string op, object operand, string at)
    {
        var oper = op switch
        {
            "eq" => FilterOperator.Eq,
            "neq" => FilterOperator.Neq,
            "in" => FilterOperator.In,
            "gt" => FilterOperator.Gt,
            "gte" => FilterOperator.Gte,
            "lt" => FilterOperator.Lt,
            "lte" => FilterOperator.Lte,
            "contains" => FilterOperator.Contains,
            _ => throw DomainErrors.Invalid(at, "is not an operator of this field"),
        };
        if (oper == FilterOperator.In)
        {
            var values = ((IEnumerable)operand).Cast<object>().ToList();
            if (values.Count > ListLimits.MaxInValues)
                throw DomainErrors.OutOfRange(at, $"has {values.Count} values; at most {ListLimits.MaxInValues}");
            return spec.IsText
                ? new Condition<TField>(spec.Field, oper, Texts: values.Select((v, i) => Text((string)v, $"{at}[{i}]")).ToList())
                : new Condition<TField>(spec.Field, oper, Numbers: values.Select(Convert.ToInt64).ToList());
        }
        return spec.IsText
            ? new Condition<TField>(spec.Field, oper, Text: Text((string)operand, at))
            : new Condition<TField>(spec.Field, oper, Number: Convert.ToInt64(operand, CultureInfo.InvariantCulture));
    }

    private static string Text(string value, string at) =>
        value.Length > ListLimits.MaxTextLength ? throw DomainErrors.TooLong(at, ListLimits.MaxTextLength) : value;

    private static List<SortKey<TField>> ReadOrder<TField>(IEnumerable order, IReadOnlyList<ListFieldSpec<TField>> fields)
    {
        var keys = new List<SortKey<TField>>();
        foreach (var entry in order)
        {
            var at = $"order[{keys.Count}]";
            if (keys.Count == ListLimits.MaxSortKeys)
                throw DomainErrors.OutOfRange("order", $"has more than {ListLimits.MaxSortKeys} keys");
            var set = ((IDictionary<string, object?>)entry!).Where(p => p.Value is not null).ToList();
            if (set.Count != 1) throw DomainErrors.Invalid(at, "must set exactly one field");
            keys.Add(new SortKey<TField>(fields.First(f => f.Name == set[0].Key).Field, (bool)set[0].Value!));
        }
        return keys;
    }
}
