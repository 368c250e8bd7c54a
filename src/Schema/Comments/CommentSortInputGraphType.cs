using Tiktok.Core.Comments;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Comments;

public sealed class CommentSortInputGraphType() : SortInputGraphType<CommentField>("CommentSortInput", CommentListFields.All);
