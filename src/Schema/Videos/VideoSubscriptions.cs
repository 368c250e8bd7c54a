using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Videos;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Schema.Videos;

/// <summary><c>videoCounts(videoId)</c>: a video's counts after every committed like, unlike, comment or deletion; ends with VIDEO_NOT_FOUND when the video is deleted.</summary>
public static class VideoSubscriptions
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<VideoCountsGraphType>>("videoCounts")
            .Description("the video's committed counts after each change (read the current ones with a query first); ends with VIDEO_NOT_FOUND when the video is deleted")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" })
            .ResolveStreamAsync(async c =>
            {
                var videoId = Ids.Argument(c, "videoId");
                await c.Service<VideoQueries>().GetAsync(videoId, null, c.CancellationToken); // VIDEO_NOT_FOUND
                return LiveStreams.Watch(c, LiveTopics.Video(videoId), e => e switch
                {
                    VideoCountsChanged counts => counts,
                    VideoDeleted => DomainErrors.VideoDeleted(videoId),
                    _ => null,
                });
            });
    }
}
