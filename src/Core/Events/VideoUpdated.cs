namespace Tiktok.Core.Events;

/// <summary>A video's row changed after it was published (its cover was cut in the background).</summary>
public sealed record VideoUpdated(long VideoId) : IDomainEvent;
