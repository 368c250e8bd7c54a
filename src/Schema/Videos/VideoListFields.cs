using Tiktok.Core.Videos;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Videos;

/// <summary>What a list of videos (<c>User.videos</c>, <c>User.likedVideos</c>) can be filtered and ordered by.</summary>
public static class VideoListFields
{
    public static IReadOnlyList<ListFieldSpec<VideoField>> All { get; } =
    [
        new("title", VideoField.Title, IsText: true, Sortable: false, "the title"),
        new("publishedAt", VideoField.PublishedAt, IsText: false, Sortable: true, "publish time, Unix ms"),
        new("favoriteCount", VideoField.LikeCount, IsText: false, Sortable: true, "likes"),
        new("commentCount", VideoField.CommentCount, IsText: false, Sortable: true, "comments"),
    ];
}
