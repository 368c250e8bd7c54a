namespace Tiktok.Tests.Media;

/// <summary>
/// A theory that needs ffmpeg and ffprobe on PATH: skipped without them, except under <c>CI=true</c>,
/// where it runs and fails saying they are missing.
/// </summary>
public sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute()
    {
        if (!Installed && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "ffmpeg/ffprobe not on PATH: install ffmpeg (apt-get install ffmpeg) to run the ffprobe side of the upload checks";
    }

    private static bool Installed =>
        new[] { "ffmpeg", "ffprobe" }.All(program => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program))));
}
