using GraphQL.Types;

namespace Tiktok.Schema.Filtering;

/// <summary>One key of a list's <c>order</c>: exactly one of its fields set to ASC or DESC.</summary>
public abstract class SortInputGraphType<TField> : InputObjectGraphType
{
    protected SortInputGraphType(string name, IEnumerable<ListFieldSpec<TField>> fields)
    {
        Name = name;
        Description = "set exactly one field per entry of `order`; the id breaks ties";
        foreach (var f in fields.Where(f => f.Sortable)) Field<SortEnumGraphType>(f.Name).Description(f.Description);
    }
}
