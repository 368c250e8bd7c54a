using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>A user in a relation list and where they stand in it.</summary>
public sealed record RelatedUser(UserView User, TimeCursor Cursor);
