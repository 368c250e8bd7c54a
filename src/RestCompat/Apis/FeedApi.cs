using Microsoft.AspNetCore.Http;
using Tiktok.Core.Data;
using Tiktok.Core.Videos;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class FeedApi
{
    /// <summary>GET /douyin/feed/: newest first, at most 30, strictly before latest_time.</summary>
    public static Task Feed(HttpContext http, VideoQueries videos, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var before = req.OptionalTime("latest_time");
            var viewer = await req.ViewerAsync();
            var page = await videos.FeedAsync(before, viewer, Limits.FeedPage, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new FeedResponse
            {
                VideoList = page.Videos.Select(v => shapes.Video(v, baseUrl)).ToList(),
                NextTime = page.NextTime,
            };
        });
}
