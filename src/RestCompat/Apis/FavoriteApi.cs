using Microsoft.AspNetCore.Http;
using Tiktok.Core.Likes;
using Tiktok.Core.Videos;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class FavoriteApi
{
    /// <summary>POST /douyin/favorite/action/: 1 like, 2 cancel; repeating either changes nothing.</summary>
    public static Task Action(HttpContext http, Likes likes) =>
        Answer.With(http, async req =>
        {
            var user = await req.RequireUserAsync();
            var videoId = req.RequiredId("video_id");
            if (req.ActionType(1, 2) == 1) await likes.AddAsync(user, videoId, req.Aborted);
            else await likes.RemoveAsync(user, videoId, req.Aborted);
            return new StatusResponse();
        });

    /// <summary>GET /douyin/favorite/list/: most recently liked first.</summary>
    public static Task List(HttpContext http, VideoQueries videos, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var list = await videos.LikedByAsync(subject, viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new VideoListResponse { VideoList = list.Select(v => shapes.Video(v, baseUrl)).ToList() };
        });
}
