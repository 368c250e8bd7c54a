namespace Tiktok.Core.Caching;

/// <summary>One cache entry's name.</summary>
public readonly record struct CardKey(CardKind Kind, long Id)
{
    public static CardKey User(long id) => new(CardKind.User, id);
    public static CardKey Video(long id) => new(CardKind.Video, id);

    /// <summary>The flags (follows, likes) of the viewer with this user id.</summary>
    public static CardKey Viewer(long userId) => new(CardKind.Viewer, userId);

    /// <summary>The short name used in Redis keys (<c>u:42</c>, <c>v:7</c>, <c>f:42</c>).</summary>
    public override string ToString() => Kind switch
    {
        CardKind.User => "u:",
        CardKind.Video => "v:",
        _ => "f:",
    } + Id;
}
