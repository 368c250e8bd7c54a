namespace Tiktok.Core.Lists;

/// <summary>What a <see cref="Condition{TField}"/> tests: the operators a list's filter allows.</summary>
public enum FilterOperator
{
    Eq,
    Neq,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    /// <summary>A case-sensitive substring, as .NET's <c>string.Contains</c>; % and _ are plain characters.</summary>
    Contains,
}
