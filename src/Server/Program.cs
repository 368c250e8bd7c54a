using Tiktok.Server.Hosting;
using Tiktok.Server.Seeding;

// `dotnet run --project src/Server -- seed ...` fills a data directory with generated data.
if (args.Length > 0 && args[0] == "seed") return await SeedCommand.RunAsync(args[1..]);

var builder = ServerSetup.CreateBuilder(args);
builder.AddTiktokServer();
var app = builder.Build();
app.UseTiktokServer();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
