namespace Tiktok.Core.Data;

/// <summary>Storage keys of the built-in images the server always has.</summary>
public static class MediaKeys
{
    public const string DefaultAvatar = "defaults/avatar.png";
    public const string DefaultBackground = "defaults/background.png";
    public const string PlaceholderCover = "defaults/cover.png";
}
