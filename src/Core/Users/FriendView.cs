namespace Tiktok.Core.Users;

/// <summary>A friend plus the latest message between the viewer and them (MsgType 1: sent by the viewer).</summary>
public sealed record FriendView(UserView User, string Message, long MsgType);
