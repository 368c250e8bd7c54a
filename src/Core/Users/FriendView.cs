namespace Tiktok.Core.Users;

/// <summary>A friend plus the latest message between the viewer and them ("" and false when there is none).</summary>
public sealed record FriendView(UserView User, string LastMessage, bool LastMessageSentByViewer);
