namespace Tiktok.Core.Media;

/// <summary>
/// Stored objects as local files, for tools that need a path (ffmpeg). The local store hands out its
/// own file; S3 downloads a temporary copy into <c>workDir</c>, which disposing the answer deletes.
/// </summary>
public interface IMediaSource
{
    /// <param name="workDir">an existing folder of the caller's for a temporary copy (a job's work folder), so a crash's leftover is found and swept with it.</param>
    Task<LocalMediaFile> FetchAsync(string key, string workDir, CancellationToken ct);
}
