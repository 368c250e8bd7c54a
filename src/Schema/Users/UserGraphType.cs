using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Media;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Videos;

namespace Tiktok.Schema.Users;

public sealed class UserGraphType : ObjectGraphType<UserView>
{
    /// <param name="media">a singleton: resolved once here, not per field.</param>
    public UserGraphType(IMediaUrls media)
    {
        Name = "User";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("avatar").Description("absolute URL")
            .Resolve(c => media.For(c.Source.AvatarKey, c.Caller().RequestBase));
        Field<NonNullGraphType<StringGraphType>>("backgroundImage").Description("absolute URL")
            .Resolve(c => media.For(c.Source.BackgroundKey, c.Caller().RequestBase));
        Field<NonNullGraphType<StringGraphType>>("signature").Resolve(c => c.Source.Signature);
        Field<NonNullGraphType<LongGraphType>>("followCount").Resolve(c => c.Source.FollowCount);
        Field<NonNullGraphType<LongGraphType>>("followerCount").Resolve(c => c.Source.FollowerCount);
        Field<NonNullGraphType<LongGraphType>>("totalFavorited").Description("likes received on all of this user's videos").Resolve(c => c.Source.LikesReceived);
        Field<NonNullGraphType<LongGraphType>>("workCount").Resolve(c => c.Source.WorkCount);
        Field<NonNullGraphType<LongGraphType>>("favoriteCount").Description("videos this user has liked").Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<BooleanGraphType>>("isFollow").Description("does the viewer follow this user").Resolve(c => c.Source.IsFollow);

        Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>, object>("videos")
            .Description("published videos, newest first; first pages of many users load in one batch")
            .Arguments(Cursors.Arguments())
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var after = Cursors.Decode('p', c.GetArgument<string?>("after"));
                if (after is null)
                    return c.Service<Loaders>().NewestVideos(first + 1, c.Viewer()).Load(c.Source.Id)
                        .Then(videos => PublishedPage(videos ?? [], first));
                var page = await c.Service<VideoQueries>().PublishedByAsync(c.Source.Id, c.Viewer(), after.Value.At, first + 1, c.CancellationToken);
                return (object)PublishedPage(page, first);
            });

        Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>>("likedVideos")
            .Description("videos this user liked, most recently liked first")
            .Arguments(Cursors.Arguments())
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var page = await c.Service<VideoQueries>().LikedByAsync(c.Source.Id, c.Viewer(),
                    Cursors.Decode('l', c.GetArgument<string?>("after")), first + 1, c.CancellationToken);
                return ConnectionPage<VideoView>.FromOverfetch(page, first, l => l.Video, l => Cursors.Encode('l', l.Cursor.At, l.Cursor.Id));
            });

        Field<NonNullGraphType<ConnectionType<UserGraphType, UserView>>>("following")
            .Description("users this user follows, most recent first")
            .Arguments(Cursors.Arguments())
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var page = await c.Service<UserQueries>().FollowingOfAsync(c.Source.Id, c.Viewer(),
                    Cursors.Decode('f', c.GetArgument<string?>("after")), first + 1, c.CancellationToken);
                return ConnectionPage<UserView>.FromOverfetch(page, first, r => r.User, r => Cursors.Encode('f', r.Cursor.At, r.Cursor.Id));
            });

        Field<NonNullGraphType<ConnectionType<UserGraphType, UserView>>>("followers")
            .Description("users who follow this user, most recent first")
            .Arguments(Cursors.Arguments())
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var page = await c.Service<UserQueries>().FollowersOfAsync(c.Source.Id, c.Viewer(),
                    Cursors.Decode('r', c.GetArgument<string?>("after")), first + 1, c.CancellationToken);
                return ConnectionPage<UserView>.FromOverfetch(page, first, r => r.User, r => Cursors.Encode('r', r.Cursor.At, r.Cursor.Id));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FriendGraphType>>>>("friends")
            .Description("users who follow each other with this user, each with the latest message between the viewer and them")
            .ResolveAsync(async c => await c.Service<UserQueries>().FriendsOfAsync(c.Source.Id, c.Viewer(), c.CancellationToken));
    }

    private static ConnectionPage<VideoView> PublishedPage(IReadOnlyList<VideoView> videos, int first) =>
        ConnectionPage<VideoView>.FromOverfetch(videos, first, v => v, v => Cursors.Encode('p', v.CreatedAt));
}
