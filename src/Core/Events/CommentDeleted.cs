namespace Tiktok.Core.Events;

/// <summary>A comment was deleted from a video.</summary>
public sealed record CommentDeleted(long VideoId, long CommentId) : IDomainEvent;
