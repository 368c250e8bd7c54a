namespace Tiktok.Core.Data.Effects;

/// <summary>
/// One row a write touched: its entity type, what happened to it, its single id when it has one,
/// the entity itself when the change went through the change tracker, and the properties a
/// modification set.
/// </summary>
public sealed record RowChange(Type Entity, ChangeKind Kind, long? Id, object? Row, IReadOnlyList<string> Properties)
{
    /// <summary>The tracked entity as <typeparamref name="T"/> (added and deleted rows always carry it).</summary>
    public T RowAs<T>() where T : class =>
        Row as T ?? throw new InvalidOperationException($"the {Kind} {Entity.Name} change carries no entity");

    public bool Sets(string property) => Properties.Contains(property);
}
