using Microsoft.Data.Sqlite;

namespace Tiktok.Server.Seeding;

/// <summary>
/// Writes the seed into the SQLite file with raw ADO.NET: one prepared, parameterised INSERT per table,
/// rows committed in large transactions, synchronous=OFF and foreign-key checks off on this
/// connection only (the server's own connections keep synchronous=FULL). Foreign keys are verified
/// once at the end instead.
/// </summary>
public sealed class SqliteSeedWriter(SqliteConnection connection, string file) : ISeedWriter
{
    public ISeedProgress Progress { get; set; } = SeedProgress.None;

    public string Target => $"SQLite database {file}";

    private const int RowsPerTransaction = 100_000;
    private const int ProgressEvery = 2_000;

    public static SqliteSeedWriter Open(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Exec(connection, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        return new SqliteSeedWriter(connection, builder.DataSource);
    }

    public Dictionary<string, long> CountRows() =>
        SeedTables.Names.ToDictionary(t => t, t => (long)Scalar($"SELECT COUNT(*) FROM \"{t}\";"));

    public void Clear()
    {
        using var step = Progress.Start("clear old data", SeedTables.Names.Length + 1);
        using var tx = connection.BeginTransaction();
        // Notifications (about the users, videos and comments) and media jobs (of the videos) point at seeded
        // rows: they go first, or the foreign-key check would find them dangling.
        foreach (var table in (string[])["notification_actors", "notifications", "media_jobs", .. SeedTables.Names])
        {
            Exec(connection, $"DELETE FROM \"{table}\";", tx);
            step.Advance(1);
        }
        Exec(connection, "DELETE FROM sqlite_sequence;", tx);
        tx.Commit();
    }

    public void Write(IReadOnlyList<SeedTable> tables)
    {
        foreach (var table in tables) Insert(table);
    }

    public string FinishPhase => "checkpoint";

    /// <summary>Moves the write-ahead log into the database file so the server starts from a clean file.</summary>
    public void Finish()
    {
        using var step = Progress.Start("checkpoint", 1);
        Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        step.Advance(1);
    }

    public List<string> Verify()
    {
        var problems = new List<string>();
        using var step = Progress.Start("verify", 2);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            using var reader = check.ExecuteReader();
            var dangling = 0;
            while (reader.Read()) dangling++;
            if (dangling > 0) problems.Add($"{dangling} rows point at missing rows (PRAGMA foreign_key_check)");
        }
        step.Advance(1);

        // AUTOINCREMENT continues from the largest id ever used (sqlite_sequence), which the inserts raised.
        foreach (var (what, sql) in SeedTables.CounterChecks)
        {
            var wrong = (long)Scalar(sql + ";");
            if (wrong > 0) problems.Add($"{what} disagrees with the rows on {wrong} rows");
        }
        step.Advance(1);
        return problems;
    }

    public long SizeBytes() => File.Exists(file) ? new FileInfo(file).Length : 0;

    private sealed class Row(SqliteParameter[] parameters) : ISeedRow
    {
        private int _next;
        public void Reset() => _next = 0;
        public void Add(long value) => parameters[_next++].Value = value;
        public void Add(string value) => parameters[_next++].Value = value;
    }

    private void Insert(SeedTable table)
    {
        using var step = Progress.Start(table.Stage, table.Rows);
        if (table.Rows == 0) return;
        using var command = connection.CreateCommand();
        command.CommandText =
            $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))});";
        var row = new Row(table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToArray());
        var tx = connection.BeginTransaction();
        try
        {
            command.Transaction = tx;
            command.Prepare();
            var sinceReport = 0;
            for (var i = 0; i < table.Rows; i++)
            {
                row.Reset();
                table.Fill(i, row);
                command.ExecuteNonQuery();
                if (++sinceReport == ProgressEvery)
                {
                    step.Advance(sinceReport);
                    sinceReport = 0;
                }
                if ((i + 1) % RowsPerTransaction == 0 && i + 1 < table.Rows)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = connection.BeginTransaction();
                    command.Transaction = tx;
                }
            }
            tx.Commit();
            step.Advance(sinceReport);
        }
        finally
        {
            tx.Dispose();
        }
    }

    private object Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
