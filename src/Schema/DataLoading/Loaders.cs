using Tiktok.Core.Comments;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.DataLoading;

/// <summary>The request's loaders (a scoped service): one batch per kind of lookup, whatever the list length.</summary>
public sealed class Loaders(UserQueries users, VideoQueries videos, Core.Comments.Comments comments)
{
    private BatchLoader<long, UserView>? _users;
    private BatchLoader<long, VideoView>? _videos;
    private readonly Dictionary<int, BatchLoader<long, IReadOnlyList<CommentView>>> _newestComments = [];
    private readonly Dictionary<int, BatchLoader<long, IReadOnlyList<VideoView>>> _newestVideos = [];

    /// <summary>Users by id, with the viewer's is_follow.</summary>
    public BatchLoader<long, UserView> Users(long? viewer) =>
        _users ??= new((ids, ct) => users.ManyAsync(ids, viewer, ct));

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
