namespace Tiktok.Core.Events;

/// <summary>A video was deleted (by its author or an operator), with its likes and comments.</summary>
public sealed record VideoDeleted(long VideoId, long AuthorId) : IDomainEvent;
