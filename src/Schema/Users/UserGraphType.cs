using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Media;
using Tiktok.Core.Users;
using Tiktok.Core.Videos;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Filtering;
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
        Field<NonNullGraphType<BooleanGraphType>, object>("isBlocked").Description("has the viewer blocked this user (false without a token)")
            .Resolve(c => c.Viewer() is { } viewer ? c.Service<Loaders>().Blocked(viewer).Load(c.Source.Id) : false);

        Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>, object>("videos")
            .Description("published videos, newest first; without where/order, first pages of many users load in one batch")
            .Arguments(ListArguments.With<VideoFilterInputGraphType, VideoSortInputGraphType>(Cursors.Arguments()))
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var query = ListArguments.Read(c, VideoListFields.All);
                var after = Cursors.DecodeKeys('p', query.OrderSignature, VideoQueries.PublishedShape.KeyCount(query), c.GetArgument<string?>("after"));
                if (after is null && query.IsDefault)
                    return c.Service<Loaders>().NewestVideos(first + 1, c.Viewer()).Load(c.Source.Id)
                        .Then(videos => ConnectionPage<VideoView>.FromOverfetch(videos ?? [], first, v => v,
                            v => Cursors.EncodeKeys('p', "", [v.CreatedAt, v.Id])));
                var page = await c.Service<VideoQueries>().PublishedPageAsync(c.Source.Id, c.Viewer(), query, after, first + 1,
                    VideoSelection.Parts(c), c.CancellationToken);
                return (object)ConnectionPage<VideoView>.FromKeyed(page, first, 'p', query.OrderSignature);
            });

        Field<NonNullGraphType<ConnectionType<VideoGraphType, VideoView>>>("likedVideos")
            .Description("videos this user liked, most recently liked first unless `order` says otherwise")
            .Arguments(ListArguments.With<VideoFilterInputGraphType, VideoSortInputGraphType>(Cursors.Arguments()))
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var query = ListArguments.Read(c, VideoListFields.All);
                var after = Cursors.DecodeKeys('l', query.OrderSignature, VideoQueries.LikedShape.KeyCount(query), c.GetArgument<string?>("after"));
                var page = await c.Service<VideoQueries>().LikedPageAsync(c.Source.Id, c.Viewer(), query, after, first + 1,
                    VideoSelection.Parts(c), c.CancellationToken);
                return ConnectionPage<VideoView>.FromKeyed(page, first, 'l', query.OrderSignature);
            });

        Field<NonNullGraphType<ConnectionType<UserGraphType, UserView>>>("following")
            .Description("users this user follows, most recent first unless `order` says otherwise")
            .Arguments(ListArguments.With<UserFilterInputGraphType, UserSortInputGraphType>(Cursors.Arguments()))
            .ResolveAsync(c => FollowPageAsync(c, following: true));

        Field<NonNullGraphType<ConnectionType<UserGraphType, UserView>>>("followers")
            .Description("users who follow this user, most recent first unless `order` says otherwise")
            .Arguments(ListArguments.With<UserFilterInputGraphType, UserSortInputGraphType>(Cursors.Arguments()))
            .ResolveAsync(c => FollowPageAsync(c, following: false));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FriendGraphType>>>>("friends")
            .Description("users who follow each other with this user, each with the latest message between the viewer and them")
            .ResolveAsync(async c => await c.Service<UserQueries>().FriendsOfAsync(c.Source.Id, c.Viewer(), c.CancellationToken));
    }

    private static async Task<object?> FollowPageAsync(IResolveFieldContext<UserView> c, bool following)
    {
        var first = Cursors.First(c);
        var query = ListArguments.Read(c, UserListFields.All);
        var kind = following ? 'f' : 'r';
        var shape = following ? UserQueries.FollowingShape : UserQueries.FollowersShape;
        var after = Cursors.DecodeKeys(kind, query.OrderSignature, shape.KeyCount(query), c.GetArgument<string?>("after"));
        var page = await c.Service<UserQueries>().FollowPageAsync(c.Source.Id, c.Viewer(), following, query, after, first + 1, c.CancellationToken);
        return ConnectionPage<UserView>.FromKeyed(page, first, kind, query.OrderSignature);
    }
}
