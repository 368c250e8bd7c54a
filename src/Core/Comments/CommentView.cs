using Tiktok.Core.Users;

namespace Tiktok.Core.Comments;

public sealed record CommentView(long Id, long VideoId, UserView User, string Content, long CreatedAt);
