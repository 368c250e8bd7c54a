using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Errors;
using Tiktok.Edge.Bodies;
using Tiktok.RestCompat.Apis;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat;

/// <summary>The stock app's <c>/douyin/...</c> API (docs/rest-compat.md, ../shared/design/API.md).</summary>
public static class DouyinEndpoints
{
    public static IServiceCollection AddRestCompat(this IServiceCollection services)
    {
        services.AddSingleton<ShapeMapper>();
        services.AddSingleton<FeedBodies>();
        services.AddRequestBodies();
        return services;
    }

    public static IEndpointRouteBuilder MapRestCompat(this IEndpointRouteBuilder app)
    {
        var douyin = app.MapGroup("/douyin").WithTags("REST compat");

        // Routing matches with or without the trailing slash, so each path is declared once.
        douyin.MapGet("/feed/", FeedApi.Feed);
        douyin.MapPost("/user/register/", UserApi.Register);
        douyin.MapPost("/user/login/", UserApi.Login);
        douyin.MapGet("/user/", UserApi.Info);
        douyin.MapPost("/publish/action/", PublishApi.Publish).DisableAntiforgery();
        douyin.MapGet("/publish/list/", PublishApi.List);
        douyin.MapPost("/favorite/action/", FavoriteApi.Action);
        douyin.MapGet("/favorite/list/", FavoriteApi.List);
        douyin.MapPost("/comment/action/", CommentApi.Action);
        douyin.MapGet("/comment/list/", CommentApi.List);
        douyin.MapPost("/relation/action/", RelationApi.Action);
        douyin.MapGet("/relation/follow/list/", RelationApi.Following);
        douyin.MapGet("/relation/follower/list/", RelationApi.Followers);
        douyin.MapGet("/relation/friend/list/", RelationApi.Friends);
        douyin.MapGet("/message/chat/", MessageApi.History);
        douyin.MapPost("/message/action/", MessageApi.Send);

        // Anything else under /douyin still answers in the app's JSON, never an empty page.
        douyin.MapFallback("{**path}", (HttpContext http) => Answer.WriteStatusAsync(http, StatusCodes.Status404NotFound,
            ErrorCode.UnknownEndpoint,
            $"there is no {http.Request.Method} {http.Request.Path} endpoint; see API.md for the paths and their methods"));
        return app;
    }
}
