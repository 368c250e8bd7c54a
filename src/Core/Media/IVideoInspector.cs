namespace Tiktok.Core.Media;

/// <summary>Checks uploads and makes covers (ffprobe/ffmpeg when installed, file signatures otherwise).</summary>
public interface IVideoInspector
{
    /// <summary>True when covers can be cut from the video; otherwise a placeholder cover is used.</summary>
    bool MakesCovers { get; }

    Task<VideoProbe> ProbeAsync(string localFile, CancellationToken ct);

    /// <summary>Writes a JPEG cover; false when it could not.</summary>
    Task<bool> TryMakeCoverAsync(string localVideo, string coverFile, CancellationToken ct);
}
