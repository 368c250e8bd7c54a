using Microsoft.AspNetCore.Http;
using Tiktok.Core.Data;
using Tiktok.Core.Videos;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class FeedApi
{
    /// <summary>
    /// GET /douyin/feed/: newest first, at most 30, strictly before latest_time. The newest page is
    /// written from bytes shared by every viewer, with only the viewer's flags chosen (<see cref="FeedBodies"/>),
    /// unless blocks left videos out of it for this viewer.
    /// </summary>
    public static Task Feed(HttpContext http, VideoQueries videos, ShapeMapper shapes, FeedCache feed, FeedBodies bodies)
    {
        FeedPage? shared = null;
        FeedBody? body = null;
        return Answer.With<FeedResponse>(http, async req =>
        {
            var before = req.OptionalTime("latest_time");
            var viewer = await req.ViewerAsync();
            var version = before is null ? await feed.VersionAsync() : FeedCache.Unknown;
            var page = await videos.FeedAsync(before, viewer, Limits.FeedPage, req.Aborted);
            // A page filtered for this viewer (blocked users left out) is theirs alone: serialized as it is.
            if (before is null && !page.Filtered && bodies.For(http, version, page) is { } found)
            {
                (shared, body) = (page, found);
                return null;
            }
            var baseUrl = ShapeMapper.RequestBase(http);
            return new FeedResponse
            {
                VideoList = page.Videos.Select(v => shapes.Video(v, baseUrl)).ToList(),
                NextTime = page.NextTime,
            };
        }, () => body!.WriteAsync(http, shared!, http.RequestAborted));
    }
}
