namespace Tiktok.Core.Events;

/// <summary>A new video was published.</summary>
public sealed record VideoPublished(long VideoId, long AuthorId, long CreatedAt) : IDomainEvent;
