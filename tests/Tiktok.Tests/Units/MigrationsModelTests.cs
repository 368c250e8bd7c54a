using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiktok.Core;
using Tiktok.Core.Data;
using Tiktok.Server.Data;

namespace Tiktok.Tests.Units;

/// <summary>Each provider's migrations describe the model exactly: nothing in the entities awaits a migration.</summary>
public sealed class MigrationsModelTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public void The_model_has_no_change_without_a_migration(string provider)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tiktok-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // The differ compares the model with the migrations' snapshot: no connection is opened.
            var options = new TiktokOptions
            {
                DataDir = dataDir,
                Database = { Provider = provider, ConnectionString = "Host=127.0.0.1;Database=tiktok_unused" },
            };
            using var services = new ServiceCollection().AddLogging().AddTiktokDatabase(options).BuildServiceProvider();
            using var scope = services.CreateScope();
            Assert.False(scope.ServiceProvider.GetRequiredService<TiktokDbContext>().Database.HasPendingModelChanges());
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
        }
    }
}
