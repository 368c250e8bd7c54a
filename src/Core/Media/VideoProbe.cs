namespace Tiktok.Core.Media;

/// <summary>What probing an upload found out.</summary>
public sealed record VideoProbe(bool IsVideo, string Extension, string ContentType, string? Problem)
{
    public static VideoProbe Rejected(string problem) => new(false, "", "", problem);
}
