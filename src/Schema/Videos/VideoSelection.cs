using GraphQL;
using Tiktok.Core.Videos;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Videos;

/// <summary>The parts of each video a connection's selection asks for (projection).</summary>
public static class VideoSelection
{
    public static VideoParts Parts(IResolveFieldContext context)
    {
        var parts = VideoParts.None;
        foreach (var name in Selections.NodeFields(context))
        {
            parts |= name switch
            {
                "title" => VideoParts.Title,
                "playUrl" or "coverUrl" => VideoParts.Media,
                "favoriteCount" or "commentCount" => VideoParts.Counts,
                "author" => VideoParts.Author,
                "isFavorite" => VideoParts.Liked,
                _ => VideoParts.None, // id, publishedAt, comments, __typename: from the keys
            };
        }
        return parts;
    }
}
