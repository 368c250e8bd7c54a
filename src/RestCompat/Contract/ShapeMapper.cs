using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Comments;
using Tiktok.Core.Media;
using Tiktok.Core.Messages;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;

namespace Tiktok.RestCompat.Contract;

/// <summary>Turns domain views into the app's shapes: absolute media URLs, MM-DD dates.</summary>
public sealed class ShapeMapper(IMediaUrls urls, IOptions<TiktokOptions> options)
{
    private readonly TimeZoneInfo _zone = string.IsNullOrWhiteSpace(options.Value.TimeZone)
        ? TimeZoneInfo.Local
        : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public static string RequestBase(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";

    public UserShape User(UserView u, string requestBase) => Fill(new UserShape(), u, requestBase);

    public FriendUserShape Friend(FriendView f, string requestBase)
    {
        var shape = Fill(new FriendUserShape(), f.User, requestBase);
        shape.Message = f.LastMessage;
        shape.MsgType = f.LastMessageSentByViewer ? 1 : 0;
        return shape;
    }

    public VideoShape Video(VideoView v, string requestBase) => new()
    {
        Id = v.Id,
        Author = User(v.Author, requestBase),
        PlayUrl = urls.For(v.PlayKey, requestBase),
        CoverUrl = urls.For(v.CoverKey, requestBase),
        FavoriteCount = v.LikeCount,
        CommentCount = v.CommentCount,
        IsFavorite = v.IsLiked,
        Title = v.Title,
    };

    public CommentShape Comment(CommentView c, string requestBase) => new()
    {
        Id = c.Id,
        User = User(c.User, requestBase),
        Content = c.Content,
        CreateDate = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(c.CreatedAt), _zone).ToString("MM-dd", CultureInfo.InvariantCulture),
    };

    public static MessageShape Message(MessageView m) => new()
    {
        Id = m.Id,
        ToUserId = m.ToUserId,
        FromUserId = m.FromUserId,
        Content = m.Content,
        CreateTime = m.CreatedAt,
    };

    private T Fill<T>(T shape, UserView u, string requestBase) where T : UserShape
    {
        shape.Id = u.Id;
        shape.Name = u.Name;
        shape.FollowCount = u.FollowCount;
        shape.FollowerCount = u.FollowerCount;
        shape.IsFollow = u.IsFollow;
        shape.Avatar = urls.For(u.AvatarKey, requestBase);
        shape.BackgroundImage = urls.For(u.BackgroundKey, requestBase);
        shape.Signature = u.Signature;
        shape.TotalFavorited = u.LikesReceived;
        shape.WorkCount = u.WorkCount;
        shape.FavoriteCount = u.LikeCount;
        return shape;
    }
}
