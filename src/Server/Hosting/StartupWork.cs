using Tiktok.Core.Accounts;
using Tiktok.Server.Data;
using Tiktok.Server.Media;

namespace Tiktok.Server.Hosting;

/// <summary>Runs before the server takes requests: migrations, the log-in decoy hash, the ffmpeg check (leftover files: <see cref="LeftoverSweep"/>).</summary>
public sealed class StartupWork(IServiceProvider services, FfmpegInspector ffmpeg, Passwords passwords,
    ILogger<StartupWork> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        // The log-in decoy is hashed now (at the configured cost), not by the first unknown name.
        _ = await Task.Run(() => passwords.Decoy, ct);
        await DatabaseSetup.MigrateAsync(services, ct);
        if (ffmpeg.Available)
            logger.LogInformation("ffmpeg found: uploads are checked by their container structure and ffprobe, and get covers cut from the video");
        else if (ffmpeg.Disabled)
            logger.LogInformation("ffmpeg not used (Tiktok:Media:UseFfmpeg is false): uploads are checked by their container structure (MP4, QuickTime, WebM) and get a placeholder cover");
        else
            logger.LogWarning("ffmpeg/ffprobe not found on PATH: uploads are checked by their container structure (MP4, QuickTime, WebM) and get a placeholder cover");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
