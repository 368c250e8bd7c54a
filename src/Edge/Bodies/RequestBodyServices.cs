using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tiktok.Edge.Bodies;

public static class RequestBodyServices
{
    /// <summary>The multipart reader and its token check; every front that reads bodies calls it (idempotent).</summary>
    public static IServiceCollection AddRequestBodies(this IServiceCollection services)
    {
        services.TryAddSingleton<UploaderToken>();
        services.TryAddSingleton<MultipartBodyReader>();
        return services;
    }
}
