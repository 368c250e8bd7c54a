namespace Tiktok.Core.Data;

/// <summary>The kinds of <see cref="MediaJob"/>.</summary>
public static class MediaJobKinds
{
    public const string Cover = "cover";
}
