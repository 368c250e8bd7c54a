namespace Tiktok.Core.Data.Effects;

/// <summary>What a write did to a row.</summary>
public enum ChangeKind
{
    Added,
    Modified,
    Deleted,
}
