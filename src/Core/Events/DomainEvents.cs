namespace Tiktok.Core.Events;

/// <summary>Something that happened, published only after its transaction committed.</summary>
public interface IDomainEvent;

/// <summary>A video's like or comment count changed; carries the committed values.</summary>
public sealed record VideoCountsChanged(long VideoId, long FavoriteCount, long CommentCount) : IDomainEvent;

public sealed record CommentAdded(long VideoId, long CommentId, long UserId, string Content, long CreatedAt) : IDomainEvent;

public sealed record CommentDeleted(long VideoId, long CommentId) : IDomainEvent;

/// <summary>A stored direct message; <paramref name="PrevCreatedAt"/> is its conversation's previous message time (0: none).</summary>
public sealed record MessageStored(long MessageId, long FromUserId, long ToUserId, string Content, long CreatedAt, long PrevCreatedAt) : IDomainEvent;

public sealed record VideoPublished(long VideoId, long AuthorId, long CreatedAt) : IDomainEvent;

/// <summary>A video's row changed after it was published (its cover was cut in the background).</summary>
public sealed record VideoUpdated(long VideoId) : IDomainEvent;

public sealed record FollowChanged(long FollowerId, long FolloweeId, bool Following) : IDomainEvent;

/// <summary>Receives committed events; the Server turns them into pushes, caches into invalidations.</summary>
public interface IDomainEventHandler
{
    ValueTask HandleAsync(IDomainEvent domainEvent, CancellationToken cancellationToken);
}
