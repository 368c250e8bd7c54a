using Tiktok.Core.Caching;
using Tiktok.Core.Comments;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.DataLoading;

/// <summary>The request's loaders (a scoped service): one batch per kind of lookup, whatever the list length.</summary>
public sealed class Loaders(UserQueries users, VideoQueries videos, Core.Comments.Comments comments, ViewerFlags flags)
{
    private BatchLoader<long, bool>? _blocked;
    private BatchLoader<long, UserView>? _users;
    private BatchLoader<long, VideoView>? _videos;
    private readonly Dictionary<int, BatchLoader<long, IReadOnlyList<CommentView>>> _newestComments = [];
    private readonly Dictionary<int, BatchLoader<long, IReadOnlyList<VideoView>>> _newestVideos = [];

    /// <summary>Users by id, with the viewer's is_follow.</summary>
    public BatchLoader<long, UserView> Users(long? viewer) =>
        _users ??= new((ids, ct) => users.ManyAsync(ids, viewer, ct));

    /// <summary>Whether the viewer blocked each user (from the viewer's flags entry: no query when it is cached).</summary>
    public BatchLoader<long, bool> Blocked(long viewer) =>
        _blocked ??= new(async (ids, ct) =>
        {
            var blocked = await flags.BlockedAmongAsync(viewer, ids, ct);
            return ids.ToDictionary(id => id, blocked.Contains);
        });

    /// <summary>Videos by id, with their authors and the viewer's flags.</summary>
    public BatchLoader<long, VideoView> Videos(long? viewer) =>
        _videos ??= new((ids, ct) => videos.ManyAsync(ids, viewer, ct));

    /// <summary>The newest <paramref name="count"/> comments of each video.</summary>
    public BatchLoader<long, IReadOnlyList<CommentView>> NewestComments(int count, long? viewer)
    {
        if (!_newestComments.TryGetValue(count, out var loader))
            _newestComments[count] = loader = new((ids, ct) => comments.NewestOfVideosAsync(ids, count, viewer, ct));
        return loader;
    }

    /// <summary>The newest <paramref name="count"/> videos of each author.</summary>
    public BatchLoader<long, IReadOnlyList<VideoView>> NewestVideos(int count, long? viewer)
    {
        if (!_newestVideos.TryGetValue(count, out var loader))
            _newestVideos[count] = loader = new((ids, ct) => videos.NewestOfAuthorsAsync(ids, count, viewer, ct));
        return loader;
    }
}
