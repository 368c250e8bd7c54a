using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core.Data;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Domain;

/// <summary>
/// The embedded default's own file-level settings (SQLite's synchronous and journal pragmas), so
/// on SQLite only: PostgreSQL's durability is the server's configuration, not the app's.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Every_pooled_connection_commits_with_a_synced_write_ahead_log()
    {
        using var f = new TiktokFactory();
        _ = f.Server;
        // Several scopes in a row and at once: the pool hands out connections again and again.
        var seen = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => f.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TiktokDbContext>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            var synchronous = Convert.ToInt32(await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA journal_mode";
            var journal = (string)(await command.ExecuteScalarAsync())!;
            await db.Database.CloseConnectionAsync();
            return (synchronous, journal);
        })));
        f.DeleteData();
        Assert.All(seen, s => Assert.Equal((2, "wal"), s)); // 2 = FULL
    }
}
