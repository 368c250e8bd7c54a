using Microsoft.AspNetCore.Http;
using Tiktok.Core.Follows;
using Tiktok.Core.Users;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class RelationApi
{
    /// <summary>POST /douyin/relation/action/: 1 follow, 2 unfollow; repeating either changes nothing.</summary>
    public static Task Action(HttpContext http, Follows follows) =>
        Answer.With(http, async req =>
        {
            var user = await req.RequireUserAsync();
            var target = req.RequiredId("to_user_id");
            if (req.ActionType(1, 2) == 1) await follows.AddAsync(user, target, req.Aborted);
            else await follows.RemoveAsync(user, target, req.Aborted);
            return new StatusResponse();
        });

    /// <summary>GET /douyin/relation/follow/list/</summary>
    public static Task Following(HttpContext http, UserQueries users, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var list = await users.FollowingOfAsync(subject, viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new UserListResponse { UserList = list.Select(u => shapes.User(u, baseUrl)).ToList() };
        });

    /// <summary>GET /douyin/relation/follower/list/</summary>
    public static Task Followers(HttpContext http, UserQueries users, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var list = await users.FollowersOfAsync(subject, viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new UserListResponse { UserList = list.Select(u => shapes.User(u, baseUrl)).ToList() };
        });

    /// <summary>GET /douyin/relation/friend/list/: mutual follows, each with the latest message.</summary>
    public static Task Friends(HttpContext http, UserQueries users, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var list = await users.FriendsOfAsync(subject, viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new FriendListResponse { UserList = list.Select(f => shapes.Friend(f, baseUrl)).ToList() };
        });
}
