namespace Tiktok.Core.Events;

/// <summary>A stored direct message; <paramref name="PrevCreatedAt"/> is its conversation's previous message time (0: none).</summary>
public sealed record MessageStored(long MessageId, long FromUserId, long ToUserId, string Content, long CreatedAt, long PrevCreatedAt) : IDomainEvent;
