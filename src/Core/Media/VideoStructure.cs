namespace Tiktok.Core.Media;

/// <summary>
/// Checks an upload's container without ffmpeg: its signature, then its structure (MP4/QuickTime box
/// tree, WebM elements), reading a few bytes at a time and at most <see cref="MaxElements"/> elements.
/// </summary>
public static class VideoStructure
{
    /// <summary>The most boxes or EBML elements one check walks; a file needing more is refused.</summary>
    public const int MaxElements = 100_000;

    /// <summary>The format when the file is a structurally sound video; otherwise why it is refused.</summary>
    public static async Task<VideoProbe> CheckAsync(string file, CancellationToken ct)
    {
        var bySignature = await VideoSignatures.ProbeAsync(file, ct);
        if (!bySignature.IsVideo) return bySignature;
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var reader = new ContainerReader(handle, RandomAccess.GetLength(handle), MaxElements);
        if (bySignature.ContentType == "video/webm")
        {
            var (docType, problem) = await MatroskaStructure.CheckAsync(reader, ct);
            if (problem is not null) return VideoProbe.Rejected(problem);
            return docType == "webm" ? bySignature : VideoProbe.Rejected("Matroska files other than WebM are not accepted");
        }
        var mp4Problem = await Mp4Structure.ProblemAsync(reader, ct);
        return mp4Problem is null ? bySignature : VideoProbe.Rejected(mp4Problem);
    }
}
