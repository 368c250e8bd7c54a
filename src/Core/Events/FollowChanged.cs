namespace Tiktok.Core.Events;

/// <summary>A user followed (<paramref name="Following"/>) or unfollowed another.</summary>
public sealed record FollowChanged(long FollowerId, long FolloweeId, bool Following) : IDomainEvent;
