using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tiktok.Core.Accounts;
using Tiktok.Core.Caching;
using Tiktok.Core.Comments;
using Tiktok.Core.Data;
using Tiktok.Core.Data.Effects;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Media;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Core.Videos.Processing;

namespace Tiktok.Core;

public static class DomainServices
{
    /// <summary>The domain services; the host adds the DbContext, the write gate and the ports' adapters.</summary>
    public static IServiceCollection AddTiktokDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TransientFailures>();
        services.AddSingleton<UploadStaging>();
        services.AddScoped<Writes>();
        services.AddScoped<Accounts.Accounts>();
        services.AddSingleton<AuthAttempts>();
        services.AddSingleton<Passwords>();
        services.TryAddSingleton<IHotCache>(sp => sp.GetRequiredService<IOptions<CacheOptions>>().Value.Enabled
            ? new MemoryHotCache(sp.GetRequiredService<IOptions<CacheOptions>>())
            : new NoHotCache());
        services.AddScoped<Cards>();
        services.AddScoped<ViewerFlags>();
        services.AddScoped<UserQueries>();
        services.AddScoped<VideoQueries>();
        services.AddSingleton<FeedCache>();
        services.AddSingleton(sp => new DataVersion(sp.GetService<ISharedDataVersion>()));
        services.AddSingleton<PostCommitDispatcher>();
        services.AddScoped<Publishing>();
        services.AddSingleton<MediaJobRunner>();
        services.AddScoped<MediaJobProcessor>();
        services.AddScoped<Leftovers>();
        services.AddScoped<Likes.Likes>();
        services.AddScoped<Comments.Comments>();
        services.AddScoped<Follows.Follows>();
        services.AddScoped<Messages.Messages>();
        services.AddScoped<Notifications.Notifications>();
        return services;
    }
}
