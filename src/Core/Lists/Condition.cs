namespace Tiktok.Core.Lists;

/// <summary>One test on one field: a number or text operand, or a list of them for <see cref="FilterOperator.In"/>.</summary>
public sealed record Condition<TField>(
    TField Field,
    FilterOperator Operator,
    long? Number = null,
    string? Text = null,
    IReadOnlyList<long>? Numbers = null,
    IReadOnlyList<string>? Texts = null);
