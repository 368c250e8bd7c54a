using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Errors;
using Tiktok.Edge.Bodies;
using Tiktok.RestCompat.Apis;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;
using Tiktok.RestCompat.OpenApi;

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

        // Routing matches with or without the trailing slash, so each path is declared once. Each
        // carries its description for the OpenAPI document (OpenApi/DouyinOperations.cs).
        douyin.MapGet("/feed/", FeedApi.Feed).WithMetadata(DouyinOperations.Feed);
        douyin.MapPost("/user/register/", UserApi.Register).WithMetadata(DouyinOperations.Register);
        douyin.MapPost("/user/login/", UserApi.Login).WithMetadata(DouyinOperations.Login);
        douyin.MapGet("/user/", UserApi.Info).WithMetadata(DouyinOperations.UserInfo);
        douyin.MapPost("/publish/action/", PublishApi.Publish).WithMetadata(DouyinOperations.Publish).DisableAntiforgery();
        douyin.MapGet("/publish/list/", PublishApi.List).WithMetadata(DouyinOperations.PublishList);
        douyin.MapPost("/favorite/action/", FavoriteApi.Action).WithMetadata(DouyinOperations.FavoriteAction);
        douyin.MapGet("/favorite/list/", FavoriteApi.List).WithMetadata(DouyinOperations.FavoriteList);
        douyin.MapPost("/comment/action/", CommentApi.Action).WithMetadata(DouyinOperations.CommentAction);
        douyin.MapGet("/comment/list/", CommentApi.List).WithMetadata(DouyinOperations.CommentList);
        douyin.MapPost("/relation/action/", RelationApi.Action).WithMetadata(DouyinOperations.RelationAction);
        douyin.MapGet("/relation/follow/list/", RelationApi.Following).WithMetadata(DouyinOperations.FollowList);
        douyin.MapGet("/relation/follower/list/", RelationApi.Followers).WithMetadata(DouyinOperations.FollowerList);
        douyin.MapGet("/relation/friend/list/", RelationApi.Friends).WithMetadata(DouyinOperations.FriendList);
        douyin.MapGet("/message/chat/", MessageApi.History).WithMetadata(DouyinOperations.Chat);
        douyin.MapPost("/message/action/", MessageApi.Send).WithMetadata(DouyinOperations.MessageAction);

        // Anything else under /douyin still answers in the app's JSON, never an empty page.
        douyin.MapFallback("{**path}", (HttpContext http) => Answer.WriteStatusAsync(http, StatusCodes.Status404NotFound,
            ErrorCode.UnknownEndpoint,
            $"there is no {http.Request.Method} {http.Request.Path} endpoint; see API.md for the paths and their methods"))
            .ExcludeFromDescription();
        return app;
    }
}
