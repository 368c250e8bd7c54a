using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Comments;
using Tiktok.Core.Media;
using Tiktok.Core.Videos;
using Tiktok.Schema.Comments;
using Tiktok.Schema.DataLoading;
using Tiktok.Schema.Filtering;
using Tiktok.Schema.Paging;
using Tiktok.Schema.Users;

namespace Tiktok.Schema.Videos;

public sealed class VideoGraphType : ObjectGraphType<VideoView>
{
    /// <param name="media">a singleton: resolved once here, not per field.</param>
    public VideoGraphType(IMediaUrls media)
    {
        Name = "Video";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<UserGraphType>>("author").Resolve(c => c.Source.Author);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("playUrl").Description("absolute URL; supports HTTP Range")
            .Resolve(c => media.For(c.Source.PlayKey, c.Caller().RequestBase));
        Field<NonNullGraphType<StringGraphType>>("coverUrl").Description("absolute URL")
            .Resolve(c => media.For(c.Source.CoverKey, c.Caller().RequestBase));
        Field<NonNullGraphType<LongGraphType>>("favoriteCount").Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<LongGraphType>>("commentCount").Resolve(c => c.Source.CommentCount);
        Field<NonNullGraphType<BooleanGraphType>>("isFavorite").Description("has the viewer liked it").Resolve(c => c.Source.IsLiked);
        Field<NonNullGraphType<LongGraphType>>("publishedAt").Description("Unix ms").Resolve(c => c.Source.CreatedAt);

        Field<NonNullGraphType<ConnectionType<CommentGraphType, CommentView>>, object>("comments")
            .Description("newest first unless `order` says otherwise; without where/order, the first pages of many videos load in one batch")
            .Arguments(ListArguments.With<CommentFilterInputGraphType, CommentSortInputGraphType>(Cursors.Arguments()))
            .ResolveAsync(async c =>
            {
                var first = Cursors.First(c);
                var query = ListArguments.Read(c, CommentListFields.All);
                var after = Cursors.DecodeKeys('c', query.OrderSignature, Core.Comments.Comments.Shape.KeyCount(query), c.GetArgument<string?>("after"));
                if (after is null && query.IsDefault)
                    return c.Service<Loaders>().NewestComments(first + 1, c.Viewer()).Load(c.Source.Id)
                        .Then(page => ConnectionPage<CommentView>.FromOverfetch(page ?? [], first, x => x, x => Cursors.EncodeKeys('c', "", [x.Id])));
                var withAuthors = Selections.NodeFields(c).Contains("user");
                var rows = await c.Service<Core.Comments.Comments>().PageAsync(c.Source.Id, c.Viewer(), query, after, first + 1, withAuthors, c.CancellationToken);
                return (object)ConnectionPage<CommentView>.FromKeyed(rows, first, 'c', query.OrderSignature);
            });
    }
}
