using Tiktok.Core.Errors;

namespace Tiktok.Edge.Errors;

/// <summary>A front's names for the domain's <see cref="Field"/>s: REST parameters, GraphQL or hub arguments.</summary>
public sealed class FieldVocabulary(IReadOnlyDictionary<Field, string> names)
{
    public IReadOnlyDictionary<Field, string> Names { get; } = names;

    /// <summary>The front's name for <paramref name="field"/>; a field the front never takes keeps its domain name.</summary>
    public string Name(Field field) =>
        Names.TryGetValue(field, out var name) ? name : char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];
}
