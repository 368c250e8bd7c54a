using GraphQL.Types;
using Tiktok.Core.Lists;

namespace Tiktok.Schema.Filtering;

/// <summary>A list's <c>where</c> input: <c>and</c>, <c>or</c> and one operation input per allowed field.</summary>
public abstract class FilterInputGraphType<TField> : InputObjectGraphType
{
    protected FilterInputGraphType(string name, IEnumerable<ListFieldSpec<TField>> fields)
    {
        Name = name;
        Description = $"all given fields and `and` entries must hold, and one `or` entry if any; and/or nest at most {ListLimits.MaxNesting} levels, {ListLimits.MaxConditions} conditions in all";
        Field("and", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))));
        Field("or", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(name))));
        foreach (var f in fields)
        {
            if (f.IsText) Field<StringOperationFilterInputGraphType>(f.Name).Description(f.Description);
            else Field<LongOperationFilterInputGraphType>(f.Name).Description(f.Description);
        }
    }
}
