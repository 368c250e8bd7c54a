using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tiktok.Core.Data;

namespace Tiktok.Server.Data;

/// <summary>
/// For the EF Core tools. SQLite (the default):
/// <c>dotnet ef migrations add X --project src/Core --startup-project src/Server --output-dir Data/Migrations</c>;
/// PostgreSQL:
/// <c>dotnet ef migrations add X --project src/Migrations.PostgreSQL --startup-project src/Server -- postgres</c>.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TiktokDbContext>
{
    public TiktokDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TiktokDbContext>();
        if (args.Contains("postgres"))
            options.UseNpgsql("Host=localhost;Database=tiktok_design", o => o.MigrationsAssembly(DatabaseSetup.PostgresMigrations));
        else
            options.UseSqlite("Data Source=design-time.db");
        return new TiktokDbContext(options.Options);
    }
}
