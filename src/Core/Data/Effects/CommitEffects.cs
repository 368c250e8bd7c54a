using Tiktok.Core.Caching;
using Tiktok.Core.Events;

namespace Tiktok.Core.Data.Effects;

/// <summary>
/// What one committed action must cause, derived from the rows it touched by <see cref="EffectRules"/>:
/// the cache entries to drop, whether the feed's order changed (a video appeared), and the events to
/// publish, in the order the rows were touched. Applied by <see cref="PostCommitDispatcher"/>, only after the commit.
/// </summary>
public sealed class CommitEffects
{
    private readonly HashSet<CardKey> _keys = [];
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyCollection<CardKey> Keys => _keys;
    public IReadOnlyList<IDomainEvent> Events => _events;

    /// <summary>A video was added or removed: the newest feed page is no longer the newest.</summary>
    public bool FeedReordered { get; private set; }

    /// <summary>
    /// A row that readers without a token can see was touched (every entity type but those
    /// <see cref="EffectRules"/> names private): whatever was kept under the current
    /// <see cref="Caching.DataVersion"/> is stale.
    /// </summary>
    public bool ChangesPublicData { get; private set; }

    public bool IsEmpty => _keys.Count == 0 && _events.Count == 0 && !FeedReordered && !ChangesPublicData;

    public void ChangePublicData() => ChangesPublicData = true;

    public void Drop(CardKey key) => _keys.Add(key);

    public void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    public void Reorder() => FeedReordered = true;

    /// <summary>Whether an event of this type and predicate was already raised (one counts event per video per action).</summary>
    public bool Has<T>(Func<T, bool> match) where T : IDomainEvent => _events.OfType<T>().Any(match);
}
