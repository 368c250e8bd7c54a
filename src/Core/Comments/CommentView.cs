using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Users;
using Tiktok.Core.Validation;

namespace Tiktok.Core.Comments;

public sealed record CommentView(long Id, long VideoId, UserView User, string Content, long CreatedAt);
