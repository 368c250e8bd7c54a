using Tiktok.Core.Videos.Processing;

namespace Tiktok.Server.Media;

public static class VideoProcessingSetup
{
    /// <summary>The job table's claims, the <c>Tiktok:Processing</c> settings, this instance's worker and leftover sweep.</summary>
    public static IServiceCollection AddVideoProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessingOptions>().Bind(configuration.GetSection(ProcessingOptions.Section))
            .Validate(o => o.MaxAttempts > 0, "Tiktok:Processing:MaxAttempts must be positive")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero, "Tiktok:Processing:LeaseDuration must be positive")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Tiktok:Processing:PollInterval must be positive")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero, "Tiktok:Processing:RetryDelay must not be negative")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "Tiktok:Processing:SweepInterval must be positive")
            .Validate(o => o.LeftoverAge > TimeSpan.Zero, "Tiktok:Processing:LeftoverAge must be positive")
            .ValidateOnStart();
        services.AddScoped<IMediaJobClaims, SqlMediaJobClaims>();
        services.AddHostedService<MediaJobWorker>();
        services.AddHostedService<LeftoverSweep>();
        return services;
    }
}
