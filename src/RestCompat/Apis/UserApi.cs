using Microsoft.AspNetCore.Http;
using Tiktok.Core.Accounts;
using Tiktok.Core.Users;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class UserApi
{
    /// <summary>POST /douyin/user/register/</summary>
    public static Task Register(HttpContext http, Accounts accounts, IAccessTokens tokens) =>
        Answer.With(http, async req =>
        {
            var id = await accounts.RegisterAsync(req.Get("username"), req.Get("password"), req.ClientAddress, req.Aborted);
            return new AuthResponse { UserId = id, Token = tokens.Issue(id) };
        });

    /// <summary>POST /douyin/user/login/</summary>
    public static Task Login(HttpContext http, Accounts accounts, IAccessTokens tokens) =>
        Answer.With(http, async req =>
        {
            var id = await accounts.LoginAsync(req.Get("username"), req.Get("password"), req.ClientAddress, req.Aborted);
            return new AuthResponse { UserId = id, Token = tokens.Issue(id) };
        });

    /// <summary>GET /douyin/user/: a missing or 0 user_id means the token's own user.</summary>
    public static Task Info(HttpContext http, UserQueries users, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var user = await users.GetAsync(subject, viewer, req.Aborted);
            return new UserResponse { User = shapes.User(user, ShapeMapper.RequestBase(http)) };
        });
}
