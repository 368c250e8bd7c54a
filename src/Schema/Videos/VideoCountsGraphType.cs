using GraphQL.Types;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Videos;

/// <summary>A video's committed like and comment counts, as pushed by <c>videoCounts</c>.</summary>
public sealed class VideoCountsGraphType : ObjectGraphType<VideoCountsChanged>
{
    public VideoCountsGraphType()
    {
        Name = "VideoCounts";
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(c => c.Source.VideoId);
        Field<NonNullGraphType<LongGraphType>>("favoriteCount").Resolve(c => c.Source.LikeCount);
        Field<NonNullGraphType<LongGraphType>>("commentCount").Resolve(c => c.Source.CommentCount);
    }
}
