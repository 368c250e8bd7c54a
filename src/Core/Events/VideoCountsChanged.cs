namespace Tiktok.Core.Events;

/// <summary>A video's like or comment count changed; carries the committed values.</summary>
public sealed record VideoCountsChanged(long VideoId, long LikeCount, long CommentCount) : IDomainEvent;
