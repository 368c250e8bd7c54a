using GraphQL.Types;
using Tiktok.Core.Lists;

namespace Tiktok.Schema.Filtering;

/// <summary>HotChocolate's <c>StringOperationFilterInput</c>, with the operators we allow on text.</summary>
public sealed class StringOperationFilterInputGraphType : InputObjectGraphType
{
    public StringOperationFilterInputGraphType()
    {
        Name = "StringOperationFilterInput";
        Description = $"every operator given must hold; texts of at most {ListLimits.MaxTextLength} characters";
        Field<StringGraphType>("eq").Description("equal, case-sensitive");
        Field<StringGraphType>("neq").Description("not equal, case-sensitive");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("in").Description($"equal to one of at most {ListLimits.MaxInValues} values");
        Field<StringGraphType>("contains").Description("contains this text, case-sensitive; % and _ are plain characters");
    }
}
