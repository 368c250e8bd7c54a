namespace Tiktok.Core.Events;

/// <summary>A comment was added to a video.</summary>
public sealed record CommentAdded(long VideoId, long CommentId, long UserId, string Content, long CreatedAt) : IDomainEvent;
