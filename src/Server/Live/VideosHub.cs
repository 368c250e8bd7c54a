using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Server.Live;

/// <summary>
/// <c>/hubs/videos</c>: live like and comment counts, new and deleted comments, of the videos a
/// connection watches. Anonymous connections are allowed: the feed is public in the app, and
/// nothing pushed here is private (committed counts and public comments). A valid token may be
/// sent and changes nothing; a bad one is refused, as on every front. See docs/hubs.md.
/// </summary>
[AllowAnonymous]
public sealed class VideosHub(VideoQueries videos) : Hub
{
    private const string WatchedKey = "tiktok.watched";

    public static string Group(long videoId) => "video:" + videoId;

    /// <summary>
    /// Joins the video's group and returns its counts as of now. Idempotent. At most
    /// <see cref="LiveSetup.MaxWatchedVideos"/> videos per connection.
    /// </summary>
    public async Task<LiveCounts> Watch(long videoId)
    {
        var watched = Watched();
        if (!watched.Contains(videoId) && watched.Count >= LiveSetup.MaxWatchedVideos)
            throw DomainErrors.OutOfRange("videoId",
                $"a connection watches at most {LiveSetup.MaxWatchedVideos} videos at once: unwatch one first");
        // Join, then read: a change committed after the read is pushed to this connection.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(videoId), Context.ConnectionAborted);
        VideoView video;
        try
        {
            video = await videos.GetAsync(videoId, null, Context.ConnectionAborted);
        }
        catch
        {
            if (!watched.Contains(videoId))
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(videoId), CancellationToken.None);
            throw;
        }
        watched.Add(videoId);
        return new LiveCounts(video.Id, video.LikeCount, video.CommentCount);
    }

    /// <summary>Leaves the video's group; unwatching a video not watched does nothing.</summary>
    public async Task Unwatch(long videoId)
    {
        var watched = Watched();
        if (!watched.Remove(videoId)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(videoId), Context.ConnectionAborted);
    }

    // Invocations of one connection run one at a time (MaximumParallelInvocationsPerClient = 1), so a plain set is safe.
    private HashSet<long> Watched()
    {
        if (Context.Items.TryGetValue(WatchedKey, out var value) && value is HashSet<long> set) return set;
        set = [];
        Context.Items[WatchedKey] = set;
        return set;
    }
}
