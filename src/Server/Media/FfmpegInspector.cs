using FFMpegCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>
/// Checks every upload's container structure (<see cref="VideoStructure"/>), then with ffprobe, and cuts
/// covers with ffmpeg, when both are on PATH and <c>Tiktok:Media:UseFfmpeg</c> allows; otherwise the
/// structural check decides and covers stay the built-in placeholder.
/// </summary>
public sealed class FfmpegInspector : IVideoInspector
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private readonly ILogger<FfmpegInspector> _logger;
    // Passed to every call: FFMpegCore's GlobalFFOptions is process-wide state.
    private readonly FFOptions _binaries = new();

    public FfmpegInspector(IOptions<MediaOptions> options, ILogger<FfmpegInspector> logger)
    {
        _logger = logger;
        Disabled = !options.Value.UseFfmpeg;
        var ffprobe = FindOnPath("ffprobe");
        var ffmpeg = FindOnPath("ffmpeg");
        Available = !Disabled && ffprobe is not null && ffmpeg is not null;
        if (Available) _binaries.BinaryFolder = Path.GetDirectoryName(ffmpeg)!;
    }

    /// <summary>True when ffmpeg and ffprobe were found and may be used.</summary>
    public bool Available { get; }

    /// <summary>True when <c>Tiktok:Media:UseFfmpeg</c> is false.</summary>
    public bool Disabled { get; }

    public bool MakesCovers => Available;

    public async Task<VideoProbe> ProbeAsync(string localFile, CancellationToken ct)
    {
        var byStructure = await VideoStructure.CheckAsync(localFile, ct);
        if (!byStructure.IsVideo || !Available) return byStructure;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Budget);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(localFile, _binaries, cancellationToken: timeout.Token);
            if (analysis.PrimaryVideoStream is null) return VideoProbe.Rejected("it has no video stream");
            if (analysis.Duration <= TimeSpan.Zero && analysis.PrimaryVideoStream.Duration <= TimeSpan.Zero)
                return VideoProbe.Rejected("it has no playable duration");
            return byStructure;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogInformation("ffprobe refused an upload: {Reason}", e.Message);
            return VideoProbe.Rejected("ffprobe could not read it");
        }
    }

    public async Task<bool> TryMakeCoverAsync(string localVideo, string coverFile, CancellationToken ct)
    {
        if (!Available) return false;
        try
        {
#pragma warning disable CA2016 // FFMpegCore takes the token through CancellableThrough, below
            await FFMpegArguments
                .FromFileInput(localVideo)
                .OutputToFile(coverFile, overwrite: true, o => o
                    .WithCustomArgument("-frames:v 1")
                    .WithCustomArgument("-q:v 3")
                    .ForceFormat("image2"))
                .CancellableThrough(ct)
                .ProcessAsynchronously(throwOnError: false, _binaries);
#pragma warning restore CA2016
            return File.Exists(coverFile) && new FileInfo(coverFile).Length > 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "ffmpeg could not cut a cover");
            return false;
        }
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }
}
