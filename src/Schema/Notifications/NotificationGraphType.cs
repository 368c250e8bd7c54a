using GraphQL.Types;
using Tiktok.Core.Notifications;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Users;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Notifications;

/// <summary>One notification of the viewer: a follow, a like or a comment, likes and follows grouped while unread.</summary>
public sealed class NotificationGraphType : ObjectGraphType<NotificationView>
{
    public NotificationGraphType()
    {
        Name = "Notification";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<NotificationKindGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<UserGraphType, object>("actor")
            .Description("who acted last (the commenter of a comment); loaded in one batch for a whole page")
            .Resolve(c => c.Service<Loaders>().Users(c.Viewer()).Load(c.Source.ActorId));
        Field<NonNullGraphType<LongGraphType>>("actorCount")
            .Description("users in the group: `actor` and actorCount - 1 others")
            .Resolve(c => c.Source.ActorCount);
        Field<VideoGraphType, object>("video")
            .Description("the video liked or commented on; null for a follow, or when the video is gone")
            .Resolve(c => c.Source.VideoId is { } id ? c.Service<Loaders>().Videos(c.Viewer()).Load(id) : null);
        Field<IdGraphType>("commentId").Description("a comment's id; null for a like or a follow").Resolve(c => c.Source.CommentId);
        Field<StringGraphType>("commentText").Description("a comment's text; null for a like or a follow").Resolve(c => c.Source.CommentText);
        Field<NonNullGraphType<LongGraphType>>("createdAt").Description("Unix ms of the group's first action").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<LongGraphType>>("updatedAt")
            .Description("Unix ms of the group's latest action: the list's order")
            .Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<BooleanGraphType>>("read").Resolve(c => c.Source.Read);
    }
}
