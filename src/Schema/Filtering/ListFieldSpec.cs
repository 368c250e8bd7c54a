namespace Tiktok.Schema.Filtering;

/// <summary>One field of a list's <c>where</c>/<c>order</c> inputs: its GraphQL name, the domain's field, and what it allows.</summary>
public sealed record ListFieldSpec<TField>(string Name, TField Field, bool IsText, bool Sortable, string Description);
