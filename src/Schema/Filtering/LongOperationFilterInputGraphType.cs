using GraphQL.Types;
using Tiktok.Core.Lists;

namespace Tiktok.Schema.Filtering;

/// <summary>HotChocolate's <c>LongOperationFilterInput</c>: comparisons on counts and Unix-ms times.</summary>
public sealed class LongOperationFilterInputGraphType : InputObjectGraphType
{
    public LongOperationFilterInputGraphType()
    {
        Name = "LongOperationFilterInput";
        Description = "every operator given must hold";
        Field<LongGraphType>("eq");
        Field<LongGraphType>("neq");
        Field<ListGraphType<NonNullGraphType<LongGraphType>>>("in").Description($"one of at most {ListLimits.MaxInValues} values");
        Field<LongGraphType>("gt");
        Field<LongGraphType>("gte");
        Field<LongGraphType>("lt");
        Field<LongGraphType>("lte");
    }
}
