using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Caching;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Videos;
using Tiktok.Schema.Subscriptions;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Comments;

/// <summary>
/// <c>commentEvents(videoId)</c>: comments posted on and deleted from a video, after commit. A
/// signed-in subscriber is not sent comments of users hidden from them (blocked either way, as of
/// subscribing), nor anything on a video of such a user. Ends with VIDEO_NOT_FOUND when the video is deleted.
/// </summary>
public static class CommentSubscriptions
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<CommentEventGraphType>>("commentEvents")
            .Description("each comment committed on the video, and each deletion; ends with VIDEO_NOT_FOUND when the video is deleted")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" })
            .ResolveStreamAsync(async c =>
            {
                var videoId = Ids.Argument(c, "videoId");
                var video = await c.Service<VideoQueries>().GetAsync(videoId, null, c.CancellationToken); // VIDEO_NOT_FOUND
                var hidden = await c.Service<ViewerFlags>().HiddenUsersAsync(c.Viewer(), c.CancellationToken);
                if (hidden.Contains(video.Author.Id)) return LiveStreams.Watch(c, LiveTopics.Video(videoId), _ => null);
                return LiveStreams.Watch(c, LiveTopics.Video(videoId), e => e switch
                {
                    CommentAdded added when hidden.Contains(added.UserId) => null,
                    CommentAdded or CommentDeleted => e,
                    VideoDeleted => DomainErrors.VideoDeleted(videoId),
                    _ => null,
                });
            });
    }
}
