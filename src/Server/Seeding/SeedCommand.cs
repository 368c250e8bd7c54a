using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Tiktok.Core;
using Tiktok.Core.Media;
using Tiktok.Server.Data;
using Tiktok.Server.Hosting;
using Tiktok.Server.Media;

namespace Tiktok.Server.Seeding;

/// <summary>
/// <c>seed --users N --videos M ...</c>: fills the configured database (SQLite in the data directory,
/// or PostgreSQL with <c>Tiktok:Database:Provider=PostgreSQL</c>) with generated, consistent data.
/// The schema comes from the server's own migrations (with the server's configuration), the rows
/// from <see cref="SeedTables"/> through an <see cref="ISeedWriter"/> for that database. Every seeded user's password is <see cref="SeedOptions.DefaultPassword"/>
/// unless --password says otherwise.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        SeedOptions o;
        try
        {
            o = SeedOptions.Parse(args);
        }
        catch (SeedArgumentException e)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            Console.Error.WriteLine(SeedOptions.Usage);
            return 2;
        }
        if (o.Help)
        {
            Console.WriteLine(SeedOptions.Usage);
            return 0;
        }

        var total = Stopwatch.StartNew();
        var phases = new List<(string Phase, TimeSpan Took)>();

        // The server's own composition, so the data directory, migrations and password cost are the server's.
        var builder = ServerSetup.CreateBuilder([.. o.ConfigArgs]);
        if (o.DataDir is not null) builder.Configuration[$"{TiktokOptions.Section}:DataDir"] = Path.GetFullPath(o.DataDir);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddTiktokServer();
        // Not started (no hosted services): the server's services are used for migrations and the media store.
        await using var app = builder.Build();
        var options = app.Services.GetRequiredService<IOptions<TiktokOptions>>().Value;
        Console.WriteLine($"seed: data directory {options.DataDir}");
        var migrate = Stopwatch.StartNew();
        await DatabaseSetup.MigrateAsync(app.Services, CancellationToken.None);
        phases.Add(("migrate", migrate.Elapsed));
        var postgres = DatabaseSetup.IsPostgres(options);
        using ISeedWriter writer = postgres
            ? PostgresSeedWriter.Open(options.Database.ConnectionString!)
            : OpenSqlite(options);
        var before = writer.CountRows();
        var existing = before.Where(t => t.Value > 0).ToList();
        if (existing.Count > 0 && !o.Force)
        {
            Console.Error.WriteLine(
                $"seed: refusing to seed: the {writer.Target} is not empty (" +
                string.Join(", ", existing.Select(t => $"{t.Value:N0} {t.Key}")) + ").");
            Console.Error.WriteLine("seed: pass --force to DELETE ALL of its rows and seed afresh, or choose another " +
                                    (postgres ? "database (Tiktok:Database:ConnectionString)." : "--data-dir."));
            return 1;
        }

        // The clip and cover go where the server reads media: the local folder, or the S3 bucket (checked or created first).
        var storing = Stopwatch.StartNew();
        if (app.Services.GetService<S3MediaStore>() is { } s3)
        {
            await s3.EnsureBucketAsync(CancellationToken.None);
            Console.WriteLine($"seed: media go to S3 bucket {s3.Bucket} at {s3.Endpoint}");
        }
        (string PlayKey, string CoverKey, string Source) media;
        try
        {
            media = await SeedMedia.PrepareAsync(options, app.Services.GetRequiredService<IMediaStore>(), o.Clip, CancellationToken.None);
        }
        catch (SeedArgumentException e)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            return 2;
        }
        phases.Add(("media", storing.Elapsed));

        var hashing = Stopwatch.StartNew();
        // One bcrypt hash shared by every user: the cost is paid once, not once per user.
        var hash = BCrypt.Net.BCrypt.EnhancedHashPassword(o.Password, options.PasswordWorkFactor);
        phases.Add(("hash password", hashing.Elapsed));

        var outcome = SeedProgress.Run(o.Plain, progress =>
        {
            writer.Progress = progress;
            if (existing.Count > 0) Run("clear old data", writer.Clear);

            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var data = Timed("generate", () => SeedData.Generate(o, now, progress));
            Run("insert", () => writer.Write(SeedTables.Describe(data, hash, media.PlayKey, media.CoverKey)));
            Run(writer.FinishPhase, writer.Finish);
            var found = Timed("verify", writer.Verify);
            return (found, data, media);
        });

        var rows = writer.CountRows();
        var summary = new Table().Title("seeded").AddColumn("what").AddColumn(new TableColumn("value").RightAligned());
        foreach (var table in SeedTables.Names.Reverse()) summary.AddRow(table, rows[table].ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("friend pairs", outcome.data.FriendPairs.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("data directory", Markup.Escape(options.DataDir));
        summary.AddRow("database", Markup.Escape(writer.Target));
        summary.AddRow("database size", $"{writer.SizeBytes() / 1048576.0:0.0} MiB");
        summary.AddRow("clip", Markup.Escape($"{outcome.media.PlayKey} (from {outcome.media.Source})"));
        summary.AddRow("cover", Markup.Escape(outcome.media.CoverKey));
        summary.AddRow("password (every user)", Markup.Escape(o.Password));
        if (outcome.data.UserCount > 0)
            summary.AddRow("e.g. log in as", Markup.Escape($"{outcome.data.UserNames[0]} (id 1)"));
        foreach (var (phase, took) in phases) summary.AddRow($"time: {phase}", $"{took.TotalSeconds:0.00} s");
        summary.AddRow("[bold]time: total[/]", $"[bold]{total.Elapsed.TotalSeconds:0.00} s[/]");
        AnsiConsole.Write(summary);

        if (outcome.found.Count > 0)
        {
            foreach (var p in outcome.found) Console.Error.WriteLine($"seed: CHECK FAILED: {p}");
            return 1;
        }
        Console.WriteLine($"seed: done in {total.Elapsed.TotalSeconds:0.0} s; counts and references verified.");
        return 0;

        T Timed<T>(string phase, Func<T> work)
        {
            var clock = Stopwatch.StartNew();
            var result = work();
            phases.Add((phase, clock.Elapsed));
            return result;
        }

        void Run(string phase, Action work) => Timed(phase, () => { work(); return 0; });
    }

    private static SqliteSeedWriter OpenSqlite(TiktokOptions options)
    {
        SqliteConnection.ClearAllPools(); // the migrations' connections: this one sets its own pragmas
        return SqliteSeedWriter.Open(DatabaseSetup.SqliteConnectionString(options));
    }
}
