using Tiktok.Core.Comments;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Comments;

/// <summary>What a video's comments can be filtered and ordered by.</summary>
public static class CommentListFields
{
    public static IReadOnlyList<ListFieldSpec<CommentField>> All { get; } =
    [
        new("content", CommentField.Content, IsText: true, Sortable: false, "the text"),
        new("createdAt", CommentField.CreatedAt, IsText: false, Sortable: true, "when it was posted, Unix ms"),
    ];
}
