using Tiktok.Core.Videos;

namespace Tiktok.Core.Users;

/// <summary>A user in a relation list and where they stand in it.</summary>
public sealed record RelatedUser(UserView User, TimeCursor Cursor);
