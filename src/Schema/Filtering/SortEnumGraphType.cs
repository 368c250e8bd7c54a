using GraphQL.Types;

namespace Tiktok.Schema.Filtering;

/// <summary>HotChocolate's <c>SortEnumType</c>: the direction of one key of an <c>order</c>.</summary>
public sealed class SortEnumGraphType : EnumerationGraphType
{
    public SortEnumGraphType()
    {
        Name = "SortEnumType";
        Add("ASC", false, "smallest first");
        Add("DESC", true, "largest (newest) first");
    }
}
