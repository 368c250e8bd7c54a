using Tiktok.Core.Media;
using Tiktok.Server.Hosting;
using Tiktok.Server.Observability;

namespace Tiktok.Server.Media;

public static class MediaStorage
{
    /// <summary>
    /// Registers the media store (local directory or S3), the reader behind <c>/media</c> and the URL mode,
    /// as <c>Tiktok:Media</c> says. Settings that cannot work stop the server here, with the reason.
    /// </summary>
    public static IServiceCollection AddMediaStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var media = services.AddValidated(configuration, MediaOptions.Section, new MediaOptionsValidation());

        switch (media.Store)
        {
            case MediaStoreKind.S3:
                services.AddSingleton<S3MediaStore>();
                services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<S3MediaStore>());
                services.AddSingleton<IMediaSource>(sp => sp.GetRequiredService<S3MediaStore>());
                services.AddSingleton<IMediaReader>(sp => sp.GetRequiredService<S3MediaStore>());
                services.AddHostedService<S3BucketCheck>();
                services.AddReadinessCheck<S3HealthCheck>("media");
                break;
            default:
                services.AddSingleton<LocalMediaStore>();
                services.AddSingleton<IMediaStore>(sp => sp.GetRequiredService<LocalMediaStore>());
                services.AddSingleton<IMediaSource>(sp => sp.GetRequiredService<LocalMediaStore>());
                services.AddSingleton<IMediaReader, LocalMediaReader>();
                break;
        }

        switch (media.UrlMode)
        {
            case MediaUrlMode.Presigned:
                services.AddSingleton<IMediaUrls, PresignedMediaUrls>();
                break;
            case MediaUrlMode.Public:
                services.AddSingleton<IMediaUrls, PublicMediaUrls>();
                break;
            default:
                services.AddSingleton<IMediaUrls, MediaUrls>();
                break;
        }
        return services;
    }
}
