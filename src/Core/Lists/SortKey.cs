namespace Tiktok.Core.Lists;

/// <summary>One key of a list's order.</summary>
public readonly record struct SortKey<TField>(TField Field, bool Descending);
