using Microsoft.EntityFrameworkCore;

namespace Tiktok.Core.Data;

public static class TopPerKey
{
    /// <summary>
    /// The ids of the first <paramref name="count"/> rows for each key, in ONE SQL command: a
    /// UNION ALL of one index seek per key (SQLite has no LATERAL/APPLY for "top n per group").
    /// </summary>
    public static async Task<List<long>> IdsAsync(IReadOnlyCollection<long> keys,
        Func<long, IQueryable<long>> topForKey, CancellationToken ct)
    {
        IQueryable<long>? union = null;
        foreach (var key in keys.Distinct())
        {
            var top = topForKey(key);
            union = union is null ? top : union.Concat(top);
        }
        return union is null ? [] : await union.ToListAsync(ct);
    }
}
