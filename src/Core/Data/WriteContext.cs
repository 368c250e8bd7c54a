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

    internal WriteContext(TiktokDbContext db, IWriteGate gate, long now, WriteCommands commands)
    {
        Db = db;
        _gate = gate;
        Now = now;
        Commands = commands;
    }

    /// <summary>The writer's reusable statements (shared by the actions of one batch).</summary>
    internal WriteCommands Commands { get; }

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
        Shifted<T>(id, property);
    }

    /// <summary>Records that a statement of the action moved <paramref name="properties"/> of the row <paramref name="id"/>.</summary>
    internal void Shifted<T>(long id, params string[] properties) where T : class =>
        Changes.Add(new RowChange(typeof(T), ChangeKind.Modified, id, null, properties));

    /// <summary>Records that a statement of the action inserted <paramref name="row"/> (as it is now in the database).</summary>
    internal void Inserted<T>(T row, long? id = null) where T : class =>
        Changes.Add(new RowChange(typeof(T), ChangeKind.Added, id, row, []));

    /// <summary>Records that a statement of the action deleted <paramref name="row"/> (as it was).</summary>
    internal void Deleted<T>(T row, long? id = null) where T : class =>
        Changes.Add(new RowChange(typeof(T), ChangeKind.Deleted, id, row, []));

    /// <summary>
    /// Records a change made by a statement that bypasses the change tracker (a conditional
    /// <c>ExecuteUpdate</c>), so that <see cref="EffectRules"/> still see it.
    /// </summary>
    internal void Record(Type entity, ChangeKind kind, long? id, object? row, params string[] properties) =>
        Changes.Add(new RowChange(entity, kind, id, row, properties));

    /// <summary>
    /// Moves a counter of every row that <paramref name="where"/> selects by <paramref name="by"/> in one
    /// statement, and records each of <paramref name="ids"/> (the rows it selects, read by the caller in
    /// the same transaction) as modified.
    /// </summary>
    public async Task ShiftEachAsync<T>(Expression<Func<T, bool>> where, IReadOnlyCollection<long> ids, Expression<Func<T, long>> counter,
        int by, CancellationToken ct) where T : class
    {
        if (ids.Count == 0) return;
        var property = ((MemberExpression)counter.Body).Member.Name;
        var shifted = Expression.Lambda<Func<T, long>>(Expression.Add(counter.Body, Expression.Constant((long)by)), counter.Parameters);
        var moved = await Db.Set<T>().Where(where).ExecuteUpdateAsync(s => s.SetProperty(counter, shifted), ct);
        // The rows read and the rows moved must be the same ones, or a counter would drift: a concurrent
        // writer changed them in between (PostgreSQL), and the whole action runs again.
        if (moved != ids.Count)
            throw new DbUpdateConcurrencyException($"{typeof(T).Name}.{property}: {moved} rows moved, {ids.Count} expected");
        foreach (var id in ids) Changes.Add(new RowChange(typeof(T), ChangeKind.Modified, id, null, [property]));
    }

    private HashSet<(Type, long)>? _deleted;

    /// <summary>Whether the action deleted the row <paramref name="id"/> of <paramref name="entity"/> (for rules, once every row is touched).</summary>
    internal bool Deleted(Type entity, long id)
    {
        _deleted ??= Changes.Where(c => c.Kind == ChangeKind.Deleted && c.Id is not null).Select(c => (c.Entity, c.Id!.Value)).ToHashSet();
        return _deleted.Contains((entity, id));
    }

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
