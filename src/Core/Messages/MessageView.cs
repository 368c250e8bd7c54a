namespace Tiktok.Core.Messages;

/// <summary>A direct message as both its sender and its receiver see it.</summary>
/// <param name="PrevCreatedAt">
/// No message of this conversation has a time strictly between this and <paramref name="CreatedAt"/>:
/// for a sent message, the conversation's previous message time (0 for the first); in a history page,
/// the page's previous entry, or the page's "after" for its first. A client that has everything up to
/// <paramref name="PrevCreatedAt"/> has everything up to this message; otherwise pushes arrived out of
/// order (two instances) and it must catch up from what it has (docs/hubs.md).
/// </param>
public sealed record MessageView(long Id, long ToUserId, long FromUserId, string Content, long CreatedAt, long PrevCreatedAt);
