using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>A user in a following or follower list and where they stand in it.</summary>
public sealed record FollowListEntry(UserView User, TimeCursor Cursor);
