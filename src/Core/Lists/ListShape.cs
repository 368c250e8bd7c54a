using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Tiktok.Core.Lists;

/// <summary>
/// The columns a list can be filtered and ordered by, and their translation to an EF Core query:
/// filters become WHERE, orders ORDER BY with the id as last key, cursors a keyset predicate.
/// Nothing is filtered in memory; every operand is sent as a parameter.
/// </summary>
public sealed class ListShape<TRow, TField> where TField : struct, Enum
{
    private readonly ParameterExpression _row = Expression.Parameter(typeof(TRow), "row");
    private readonly Expression _id;
    private readonly IReadOnlyList<(Expression Key, bool Descending)> _defaultOrder;
    private readonly Dictionary<TField, Expression> _numbers = [];
    private readonly Dictionary<TField, Expression> _texts = [];

    /// <param name="id">The row's unique id: the last key of every order.</param>
    /// <param name="idDescending">The id's direction in the list's own order.</param>
    /// <param name="defaultOrder">The list's own order before the id (may be empty).</param>
    public ListShape(Expression<Func<TRow, long>> id, bool idDescending, params Expression<Func<TRow, long>>[] defaultOrder)
    {
        _id = Body(id);
        _defaultOrder = [.. defaultOrder.Select(k => (Body(k), idDescending)), (_id, idDescending)];
    }

    public ListShape<TRow, TField> Number(TField field, Expression<Func<TRow, long>> column)
    {
        _numbers[field] = Body(column);
        return this;
    }

    public ListShape<TRow, TField> Text(TField field, Expression<Func<TRow, string>> column)
    {
        _texts[field] = Body(column);
        return this;
    }

    /// <summary>How many values a cursor of <paramref name="query"/>'s order carries.</summary>
    public int KeyCount(ListQuery<TField> query) => Keys(query).Count;

    /// <summary>
    /// One page: <paramref name="rows"/> filtered, ordered, after the cursor <paramref name="after"/>
    /// (the key values of the last row seen), at most <paramref name="limit"/> rows, each selected
    /// by <paramref name="select"/> with its key values.
    /// </summary>
    public async Task<List<Keyed<TOut>>> PageAsync<TOut>(IQueryable<TRow> rows, ListQuery<TField> query,
        IReadOnlyList<long>? after, int limit, Expression<Func<TRow, TOut>> select, CancellationToken ct)
    {
        var keys = Keys(query);
        rows = Where(rows, query.Where);
        if (after is not null)
        {
            if (after.Count != keys.Count) throw new ArgumentException($"a cursor of this order has {keys.Count} values", nameof(after));
            rows = rows.Where(Lambda<bool>(Keyset(keys, after)));
        }
        rows = OrderBy(rows, keys);
        var selected = Body(select);
        var keyArray = Expression.NewArrayInit(typeof(long), keys.Select(k => k.Key));
        var keyed = Expression.New(typeof(Keyed<TOut>).GetConstructors()[0], selected, keyArray);
        return await rows.Take(limit).Select(Lambda<Keyed<TOut>>(keyed)).ToListAsync(ct);
    }

    /// <summary><paramref name="rows"/> with the filter applied (unchanged without one).</summary>
    public IQueryable<TRow> Where(IQueryable<TRow> rows, Filter<TField>? filter) =>
        filter is not null && Predicate(filter) is { } predicate ? rows.Where(Lambda<bool>(predicate)) : rows;

    private List<(Expression Key, bool Descending)> Keys(ListQuery<TField> query)
    {
        if (query.Order.Count == 0) return [.. _defaultOrder];
        var keys = query.Order.Select(k => (Key: _numbers.TryGetValue(k.Field, out var column) ? column
            : throw new ArgumentException($"{k.Field} is not a sortable field of this list"), k.Descending)).ToList();
        keys.Add((_id, keys[^1].Descending));
        return keys;
    }

    private IQueryable<TRow> OrderBy(IQueryable<TRow> rows, List<(Expression Key, bool Descending)> keys)
    {
        var ordered = keys[0].Descending ? rows.OrderByDescending(LambdaOf(keys[0].Key)) : rows.OrderBy(LambdaOf(keys[0].Key));
        foreach (var (key, descending) in keys.Skip(1))
            ordered = descending ? ordered.ThenByDescending(LambdaOf(key)) : ordered.ThenBy(LambdaOf(key));
        return ordered;
    }

    /// <summary>Rows strictly after the position: (k1 past v1) or (k1 = v1 and k2 past v2) or ...</summary>
    private static Expression Keyset(List<(Expression Key, bool Descending)> keys, IReadOnlyList<long> after)
    {
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending) = keys[i];
            Expression term = descending ? Expression.LessThan(key, Operand(after[i])) : Expression.GreaterThan(key, Operand(after[i]));
            for (var j = i - 1; j >= 0; j--) term = Expression.AndAlso(Expression.Equal(keys[j].Key, Operand(after[j])), term);
            any = any is null ? term : Expression.OrElse(any, term);
        }
        return any!;
    }

    private Expression? Predicate(Filter<TField> filter)
    {
        var all = new List<Expression>();
        all.AddRange(filter.Conditions.Select(Test));
        all.AddRange(filter.And.Select(Predicate).OfType<Expression>());
        if (filter.Or.Count > 0)
        {
            var alternatives = filter.Or.Select(f => Predicate(f) ?? Expression.Constant(true)).ToList();
            all.Add(alternatives.Aggregate(Expression.OrElse));
        }
        return all.Count == 0 ? null : all.Aggregate(Expression.AndAlso);
    }

    private Expression Test(Condition<TField> c)
    {
        if (_numbers.TryGetValue(c.Field, out var number))
        {
            return c.Operator switch
            {
                FilterOperator.In => Expression.Call(ContainsLong, Operand(c.Numbers ?? []), number),
                FilterOperator.Eq => Expression.Equal(number, Operand(Required(c.Number, c))),
                FilterOperator.Neq => Expression.NotEqual(number, Operand(Required(c.Number, c))),
                FilterOperator.Gt => Expression.GreaterThan(number, Operand(Required(c.Number, c))),
                FilterOperator.Gte => Expression.GreaterThanOrEqual(number, Operand(Required(c.Number, c))),
                FilterOperator.Lt => Expression.LessThan(number, Operand(Required(c.Number, c))),
                FilterOperator.Lte => Expression.LessThanOrEqual(number, Operand(Required(c.Number, c))),
                _ => throw new ArgumentException($"{c.Operator} does not apply to the number {c.Field}"),
            };
        }
        if (_texts.TryGetValue(c.Field, out var text))
        {
            return c.Operator switch
            {
                FilterOperator.In => Expression.Call(ContainsString, Operand(c.Texts ?? []), text),
                FilterOperator.Eq => Expression.Equal(text, Operand(Required(c.Text, c))),
                FilterOperator.Neq => Expression.NotEqual(text, Operand(Required(c.Text, c))),
                FilterOperator.Contains => Expression.Call(text, StringContains, Operand(Required(c.Text, c))),
                _ => throw new ArgumentException($"{c.Operator} does not apply to the text {c.Field}"),
            };
        }
        throw new ArgumentException($"{c.Field} is not a filterable field of this list");
    }

    private static T Required<T>(T? value, Condition<TField> c) where T : class =>
        value ?? throw new ArgumentException($"{c.Operator} on {c.Field} needs an operand");

    private static long Required(long? value, Condition<TField> c) =>
        value ?? throw new ArgumentException($"{c.Operator} on {c.Field} needs an operand");

    private static readonly MethodInfo ContainsLong = ((Func<IEnumerable<long>, long, bool>)Enumerable.Contains).Method;
    private static readonly MethodInfo ContainsString = ((Func<IEnumerable<string>, string, bool>)Enumerable.Contains).Method;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    /// <summary>A value read from a closure, so that EF Core sends it as a parameter (one cached plan per shape).</summary>
    private static Expression Operand<T>(T value) =>
        Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private static Expression Operand(IReadOnlyList<long> values) => Operand(values.ToArray());

    private static Expression Operand(IReadOnlyList<string> values) => Operand(values.ToArray());

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }

    private Expression<Func<TRow, T>> Lambda<T>(Expression body) => Expression.Lambda<Func<TRow, T>>(body, _row);

    private Expression<Func<TRow, long>> LambdaOf(Expression key) => Lambda<long>(key);

    private Expression Body(LambdaExpression lambda) => new Rebind(lambda.Parameters[0], _row).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
