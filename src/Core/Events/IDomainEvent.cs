namespace Tiktok.Core.Events;

/// <summary>Something that happened, published only after its transaction committed.</summary>
public interface IDomainEvent;
