using Microsoft.AspNetCore.Http;
using Tiktok.Core.Comments;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class CommentApi
{
    /// <summary>POST /douyin/comment/action/: 1 publish (comment_text), 2 delete (comment_id, author only).</summary>
    public static Task Action(HttpContext http, Comments comments, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var user = await req.RequireUserAsync();
            var videoId = req.RequiredId("video_id");
            if (req.ActionType(1, 2) == 1)
            {
                var comment = await comments.AddAsync(user, videoId, req.RequiredString("comment_text"), req.Aborted);
                return new CommentActionResponse { Comment = shapes.Comment(comment, ShapeMapper.RequestBase(http)) };
            }
            await comments.DeleteAsync(user, videoId, req.RequiredId("comment_id"), req.Aborted);
            return new CommentActionResponse();
        });

    /// <summary>GET /douyin/comment/list/: newest first.</summary>
    public static Task List(HttpContext http, Comments comments, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var viewer = await req.ViewerAsync();
            var list = await comments.OfVideoAsync(req.RequiredId("video_id"), viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new CommentListResponse { CommentList = list.Select(c => shapes.Comment(c, baseUrl)).ToList() };
        });
}
