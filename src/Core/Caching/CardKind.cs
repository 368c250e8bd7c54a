namespace Tiktok.Core.Caching;

/// <summary>
/// What a cache entry holds: one user's or one video's row, as every viewer sees it, or one
/// viewer's own flags (<see cref="ViewerFlagsCard"/>), which only that viewer's writes change.
/// </summary>
public enum CardKind
{
    User,
    Video,
    Viewer,
}
