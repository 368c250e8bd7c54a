using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Likes;
using Tiktok.Core.Media;
using Tiktok.Core.Videos;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Paging;

namespace Tiktok.Schema.Videos;

/// <summary>Feed and video queries; like, unlike and publish mutations.</summary>
public static class VideoFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>>("feed")
            .Description($"newest videos first, {Limits.FeedPage} at most per page")
            .Arguments(Cursors.Arguments(Limits.FeedPage))
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c, Limits.FeedPage);
                var after = Cursors.Decode('v', c.GetArgument<string?>("after"));
                var page = await c.Service<VideoQueries>().FeedAsync(after?.At, c.Viewer(), first + 1, c.CancellationToken);
                return ConnectionPage<VideoView>.FromOverfetch(page.Videos, first, v => v, v => Cursors.Encode('v', v.CreatedAt));
            });

        query.Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>>("followingFeed")
            .Description($"the viewer's followees' videos, newest first, {Limits.FeedPage} at most per page; logged-in only")
            .Arguments(Cursors.Arguments(Limits.FeedPage))
            .ResolveAsync(async c =>
            {
                var viewer = c.RequireViewer();
                var first = Cursors.First(c, Limits.FeedPage);
                var after = Cursors.Decode('f', c.GetArgument<string?>("after"));
                var videos = await c.Service<VideoQueries>().FollowingFeedAsync(viewer, after, first + 1, c.CancellationToken);
                return ConnectionPage<VideoView>.FromOverfetch(videos, first, v => v, v => Cursors.Encode('f', v.CreatedAt, v.Id));
            });

        query.Field<VideoGraphType, object>("video")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "id" })
            .Resolve(c => c.Service<Loaders>().Videos(c.Viewer()).Load(Ids.Argument(c, "id")));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VideoGraphType>>("likeVideo")
            .Description("idempotent: liking twice counts once; returns the video with its new counts")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" })
            .ResolveAsync(async c =>
            {
                var user = c.RequireViewer();
                var video = Ids.Argument(c, "videoId");
                await c.Service<Likes>().AddAsync(user, video, c.CancellationToken);
                return await c.Service<VideoQueries>().GetAsync(video, user, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<VideoGraphType>>("unlikeVideo")
            .Description("idempotent: removing a like that is not there changes nothing")
            .Arguments(new QueryArgument<NonNullGraphType<IdGraphType>> { Name = "videoId" })
            .ResolveAsync(async c =>
            {
                var user = c.RequireViewer();
                var video = Ids.Argument(c, "videoId");
                await c.Service<Likes>().RemoveAsync(user, video, c.CancellationToken);
                return await c.Service<VideoQueries>().GetAsync(video, user, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<VideoGraphType>>("publishVideo")
            .Description("a GraphQL multipart request (operations, map, file parts) with the video in the Upload variable")
            .Arguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "title" },
                new QueryArgument<NonNullGraphType<UploadGraphType>> { Name = "file" })
            .ResolveAsync(async c =>
            {
                var user = c.RequireViewer();
                var upload = c.GetArgument<object?>("file") as StagedUpload ?? throw DomainErrors.UploadMissing();
                // The file is fully received: finish even if the client stops waiting.
                var id = await c.Service<Publishing>().PublishAsync(user, c.GetArgument<string>("title"), upload, CancellationToken.None);
                return await c.Service<VideoQueries>().GetAsync(id, user, c.CancellationToken);
            });
    }
}
