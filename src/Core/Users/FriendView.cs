using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>A friend plus the latest message between the viewer and them (MsgType 1: sent by the viewer).</summary>
public sealed record FriendView(UserView User, string Message, long MsgType);
