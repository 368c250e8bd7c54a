namespace Tiktok.Core.Media;

/// <summary>Where media objects live (a local directory by default; S3 when scaled out).</summary>
public interface IMediaStore
{
    /// <summary>Moves or copies a finished local file in under <paramref name="key"/>.</summary>
    Task PutAsync(string key, string localFile, string contentType, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>
/// Stored objects as local files, for tools that need a path (ffmpeg). The local store hands out its
/// own file; S3 downloads a temporary copy into <c>workDir</c>, which disposing the answer deletes.
/// </summary>
public interface IMediaSource
{
    /// <param name="workDir">an existing folder of the caller's for a temporary copy (a job's work folder), so a crash's leftover is found and swept with it.</param>
    Task<LocalMediaFile> FetchAsync(string key, string workDir, CancellationToken ct);
}

/// <summary>A stored object readable at <see cref="Path"/>; a temporary copy is deleted on dispose.</summary>
public sealed class LocalMediaFile(string path, bool temporary) : IAsyncDisposable
{
    public string Path { get; } = path;

    public ValueTask DisposeAsync()
    {
        if (temporary)
        {
            try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>What probing an upload found out.</summary>
public sealed record VideoProbe(bool IsVideo, string Extension, string ContentType, string? Problem)
{
    public static VideoProbe Rejected(string problem) => new(false, "", "", problem);
}

/// <summary>Checks uploads and makes covers (ffprobe/ffmpeg when installed, file signatures otherwise).</summary>
public interface IVideoInspector
{
    /// <summary>True when covers can be cut from the video; otherwise a placeholder cover is used.</summary>
    bool MakesCovers { get; }

    Task<VideoProbe> ProbeAsync(string localFile, CancellationToken ct);

    /// <summary>Writes a JPEG cover; false when it could not.</summary>
    Task<bool> TryMakeCoverAsync(string localVideo, string coverFile, CancellationToken ct);
}

/// <summary>Turns storage keys into absolute URLs a client can fetch.</summary>
public interface IMediaUrls
{
    /// <param name="requestBase">scheme://host[/pathbase] of the current request, used when no public base is configured.</param>
    string For(string key, string requestBase);
}
