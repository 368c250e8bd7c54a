using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tiktok.Core.Data.Effects;

namespace Tiktok.Core.Data;

/// <summary>
/// What a unit of work sees: the context and the clock. It records every row the work touches
/// (through the change tracker, or <see cref="ShiftAsync{T}"/> for counters) so that
/// <see cref="EffectRules"/> derive the action's invalidations and events from them.
/// </summary>
public sealed class WriteContext
{
    private readonly IWriteGate _gate;
    private List<(EntityEntry Entry, ChangeKind Kind, string[] Properties)>? _saving;

    internal WriteContext(TiktokDbContext db, IWriteGate gate, long now)
    {
        Db = db;
        _gate = gate;
        Now = now;
    }

    /// <summary>The rows touched so far, in order.</summary>
    internal readonly List<RowChange> Changes = [];

    /// <summary>What the touched rows cause after the commit (filled by <see cref="EffectRules"/> before it).</summary>
    internal readonly CommitEffects Effects = new();

    public TiktokDbContext Db { get; }

    /// <summary>Wall-clock Unix ms at the start of the transaction.</summary>
    public long Now { get; }

    /// <summary>Orders this transaction after every other one that sequenced on <paramref name="topic"/>.</summary>
    public Task SequenceAsync(string topic, CancellationToken ct) => _gate.SequenceAsync(Db, topic, ct);

    /// <summary>
    /// Moves a counter of the row <paramref name="id"/> by <paramref name="by"/> in one statement
    /// (<c>UPDATE ... SET n = n + by</c>) and records the row as modified.
    /// </summary>
    public async Task ShiftAsync<T>(long id, Expression<Func<T, long>> counter, int by, CancellationToken ct) where T : class
    {
        var property = ((MemberExpression)counter.Body).Member.Name;
        var shifted = Expression.Lambda<Func<T, long>>(Expression.Add(counter.Body, Expression.Constant((long)by)), counter.Parameters);
        await Db.Set<T>().Where(e => EF.Property<long>(e, "Id") == id)
            .ExecuteUpdateAsync(s => s.SetProperty(counter, shifted), ct);
        Changes.Add(new RowChange(typeof(T), ChangeKind.Modified, id, null, [property]));
    }

    /// <summary>
    /// Records a change made by a statement that bypasses the change tracker (a conditional
    /// <c>ExecuteUpdate</c>), so that <see cref="EffectRules"/> still see it.
    /// </summary>
    internal void Record(Type entity, ChangeKind kind, long? id, object? row, params string[] properties) =>
        Changes.Add(new RowChange(entity, kind, id, row, properties));

    private readonly Dictionary<long, (int After, Events.VideoCountsChanged Counts)> _countsRead = [];

    /// <summary>Remembers a video's counts as read by the action, for <see cref="EffectRules"/> to announce without reading them again.</summary>
    internal void CountsRead(Events.VideoCountsChanged counts) => _countsRead[counts.VideoId] = (Changes.Count, counts);

    /// <summary>The counts the action read for the video, if no change to the video was recorded since.</summary>
    internal Events.VideoCountsChanged? CountsAsLeft(long videoId)
    {
        if (!_countsRead.TryGetValue(videoId, out var read)) return null;
        for (var i = read.After; i < Changes.Count; i++)
            if (Changes[i].Entity == typeof(Video) && Changes[i].Id == videoId) return null;
        return read.Counts;
    }

    /// <summary>Starts recording what <see cref="DbContext.SaveChanges()"/> writes.</summary>
    internal void Attach()
    {
        Db.SavingChanges += OnSaving;
        Db.SavedChanges += OnSaved;
        Db.SaveChangesFailed += OnFailed;
    }

    internal void Detach()
    {
        Db.SavingChanges -= OnSaving;
        Db.SavedChanges -= OnSaved;
        Db.SaveChangesFailed -= OnFailed;
    }

    private void OnSaving(object? sender, SavingChangesEventArgs e)
    {
        Db.ChangeTracker.DetectChanges();
        _saving = Db.ChangeTracker.Entries()
            .Where(x => x.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(x => (x, x.State switch
            {
                EntityState.Added => ChangeKind.Added,
                EntityState.Deleted => ChangeKind.Deleted,
                _ => ChangeKind.Modified,
            }, x.State == EntityState.Modified ? x.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToArray() : []))
            .ToList();
    }

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        foreach (var (entry, kind, properties) in _saving ?? [])
        {
            // Read after the save: an added row's generated id is known only now.
            var key = entry.Metadata.FindPrimaryKey()!.Properties;
            long? id = key.Count == 1 && key[0].PropertyInfo?.GetValue(entry.Entity) is long value ? value : null;
            Changes.Add(new RowChange(entry.Metadata.ClrType, kind, id, entry.Entity, properties));
        }
        _saving = null;
    }

    private void OnFailed(object? sender, SaveChangesFailedEventArgs e) => _saving = null;
}
