namespace Tiktok.Core.Caching;

/// <summary>What a cache entry holds: one user's or one video's row, as every viewer sees it.</summary>
public enum CardKind
{
    User,
    Video,
}
