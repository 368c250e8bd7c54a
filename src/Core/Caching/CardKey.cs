namespace Tiktok.Core.Caching;

/// <summary>One cache entry's name.</summary>
public readonly record struct CardKey(CardKind Kind, long Id)
{
    public static CardKey User(long id) => new(CardKind.User, id);
    public static CardKey Video(long id) => new(CardKind.Video, id);

    /// <summary>The short name used in Redis keys (<c>u:42</c>, <c>v:7</c>).</summary>
    public override string ToString() => (Kind == CardKind.User ? "u:" : "v:") + Id;
}
