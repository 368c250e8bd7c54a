using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tiktok.Core.Data;

namespace Tiktok.Server.Data;

/// <summary>For <c>dotnet ef migrations add X --project src/Core --startup-project src/Server</c>.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TiktokDbContext>
{
    public TiktokDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TiktokDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
