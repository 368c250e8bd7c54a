using Tiktok.Core.Comments;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Comments;

public sealed class CommentFilterInputGraphType() : FilterInputGraphType<CommentField>("CommentFilterInput", CommentListFields.All);
