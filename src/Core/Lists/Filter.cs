namespace Tiktok.Core.Lists;

/// <summary>
/// A filter tree: every condition and every <see cref="And"/> filter must hold, and at least one
/// <see cref="Or"/> filter when there are any (HotChocolate's <c>where</c> semantics).
/// </summary>
public sealed record Filter<TField>(
    IReadOnlyList<Condition<TField>> Conditions,
    IReadOnlyList<Filter<TField>> And,
    IReadOnlyList<Filter<TField>> Or)
{
    public static Filter<TField> Of(params Condition<TField>[] conditions) => new(conditions, [], []);
}
