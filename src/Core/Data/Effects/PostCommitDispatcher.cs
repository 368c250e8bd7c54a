using Microsoft.Extensions.Logging;
using Tiktok.Core.Caching;
using Tiktok.Core.Events;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Data.Effects;

/// <summary>
/// The one step after a commit: drops the cache entries the action changed, drops the feed page if
/// the action changed what it shows, moves the <see cref="DataVersion"/> if it changed public data, then hands the action's events to every
/// <see cref="IDomainEventHandler"/> (live pushes, GraphQL subscriptions, metrics). Called only for
/// committed actions, in commit order, before the writer is answered; never for a rolled-back one.
/// </summary>
public sealed class PostCommitDispatcher(IHotCache cache, FeedCache feed, DataVersion data, IEnumerable<IDomainEventHandler> handlers,
    ILogger<PostCommitDispatcher> logger)
{
    private readonly IDomainEventHandler[] _handlers = handlers.ToArray();

    public async Task DispatchAsync(CommitEffects effects)
    {
        if (effects.IsEmpty) return;
        if (effects.Keys.Count > 0)
        {
            try
            {
                await cache.InvalidateAsync(effects.Keys, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // IHotCache.InvalidateAsync must not throw; if one does, the commit still stands.
                logger.LogError(ex, "Cache invalidation failed after a commit");
            }
        }
        try
        {
            await feed.InvalidateAsync(effects.Keys, effects.FeedReordered, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Feed invalidation failed after a commit");
        }

        if (effects.ChangesPublicData)
        {
            try
            {
                await data.BumpAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Data version bump failed after a commit");
            }
        }

        // Handlers must be quick and must not write.
        foreach (var domainEvent in effects.Events)
        {
            foreach (var handler in _handlers)
            {
                try
                {
                    await handler.HandleAsync(domainEvent, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // The write is committed; a failed push must not fail the request.
                    logger.LogError(ex, "Handler {Handler} failed on {Event}", handler.GetType().Name, domainEvent);
                }
            }
        }
    }
}
