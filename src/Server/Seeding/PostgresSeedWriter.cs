using Npgsql;
using NpgsqlTypes;

namespace Tiktok.Server.Seeding;

/// <summary>
/// Writes the seed into PostgreSQL with binary COPY (<c>COPY t (...) FROM STDIN (FORMAT BINARY)</c>):
/// no parameters, no statement per row. All tables go in one transaction, so a load that fails
/// leaves no rows behind; the unique indexes check every row as it goes in, the foreign keys are
/// dropped for the load and added back (checked over all rows) before the commit, when the role may
/// alter the tables.
/// Afterwards each id sequence is moved past the largest seeded id, so the server's own inserts
/// (registrations, comments, messages, uploads) do not collide with seeded rows.
/// </summary>
public sealed class PostgresSeedWriter(NpgsqlConnection connection) : ISeedWriter
{
    public ISeedProgress Progress { get; set; } = SeedProgress.None;

    public string Target => $"PostgreSQL database {connection.Database} on {connection.Host}:{connection.Port}";

    private const int ProgressEvery = 2_000;

    /// <summary>The tables with a generated "Id" the seed writes explicitly.</summary>
    private static readonly string[] IdentityTables = ["users", "videos", "comments", "messages"];

    public static PostgresSeedWriter Open(string connectionString)
    {
        // Its own physical connection, with no statement timeout for the long COPYs and checks.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return new PostgresSeedWriter(connection);
    }

    public Dictionary<string, long> CountRows() =>
        SeedTables.Names.ToDictionary(t => t, t => (long)Scalar($"SELECT COUNT(*) FROM \"{t}\""));

    public void Clear()
    {
        using var step = Progress.Start("clear old data", 1);
        // CASCADE would take the media jobs and notifications (which point at seeded rows) along; they are
        // named so that RESTART IDENTITY resets their ids too.
        // That needs the sequences' owner: a role that only may write the tables truncates without it
        // (Finish moves the seeded tables' sequences to the seeded ids either way).
        var tables = string.Join(", ", [.. SeedTables.Names.Select(t => $"\"{t}\""), "\"media_jobs\"", "\"notifications\"", "\"notification_actors\""]);
        try
        {
            Exec($"TRUNCATE {tables} RESTART IDENTITY CASCADE");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Exec($"TRUNCATE {tables} CASCADE");
        }
        step.Advance(1);
    }

    public void Write(IReadOnlyList<SeedTable> tables)
    {
        using var tx = connection.BeginTransaction();
        var foreignKeys = DropForeignKeys(tx);
        foreach (var table in tables) Copy(table);
        RestoreForeignKeys(foreignKeys);
        tx.Commit();
    }

    /// <summary>
    /// Drops the foreign keys between the seeded tables for the COPYs, inside the transaction (so a
    /// failure anywhere restores them): checked row by row, they took most of the time (each check
    /// locks the row it finds); added back afterwards, each is checked once, over all rows, in one
    /// join. Returns what to add back, or nothing when the role may not alter the tables (the rows
    /// are then checked as they go in).
    /// </summary>
    private List<(string Table, string Name, string Definition)> DropForeignKeys(NpgsqlTransaction tx)
    {
        var keys = new List<(string, string, string)>();
        using (var list = new NpgsqlCommand($"""
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ({TableList}) ORDER BY conrelid::regclass::text, conname
            """, connection))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read()) keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        tx.Save("foreign_keys");
        try
        {
            foreach (var (table, name, _) in keys) Exec($"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"");
            return keys;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            tx.Rollback("foreign_keys");
            return [];
        }
    }

    private void RestoreForeignKeys(List<(string Table, string Name, string Definition)> keys)
    {
        if (keys.Count == 0) return;
        using var step = Progress.Start("check foreign keys", keys.Count);
        foreach (var (table, name, definition) in keys)
        {
            Exec($"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
            step.Advance(1);
        }
    }

    private static string TableList => string.Join(", ", SeedTables.Names.Select(t => $"'\"{t}\"'::regclass"));

    public string FinishPhase => "sequences, analyze";

    public void Finish()
    {
        using var step = Progress.Start("sequences, analyze", IdentityTables.Length + 1);
        foreach (var table in IdentityTables)
        {
            // is_called = false: the next value handed out is max + 1 (1 on an empty table).
            Exec($"""
                SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), COALESCE(MAX("Id"), 0) + 1, false) FROM "{table}"
                """);
            step.Advance(1);
        }
        // Fresh statistics, for the checks below and the server's first queries (autovacuum would come later).
        Exec($"ANALYZE {string.Join(", ", SeedTables.Names.Select(t => $"\"{t}\""))}");
        step.Advance(1);
    }

    public List<string> Verify()
    {
        var problems = new List<string>();
        using var step = Progress.Start("verify", 3);

        // The foreign keys checked every row (as it went in, or when added back after the load): make
        // sure they are all there and validated, the model's nine at least.
        using (var keys = new NpgsqlCommand($"""
            SELECT COUNT(*), COUNT(*) FILTER (WHERE NOT convalidated) FROM pg_constraint
            WHERE contype = 'f' AND conrelid IN ({TableList})
            """, connection))
        using (var reader = keys.ExecuteReader())
        {
            reader.Read();
            var (present, notValidated) = (reader.GetInt64(0), reader.GetInt64(1));
            if (present < ModelForeignKeys) problems.Add($"only {present} of the {ModelForeignKeys} foreign keys between the seeded tables are there");
            if (notValidated > 0) problems.Add($"{notValidated} foreign keys between the seeded tables are not validated");
        }
        step.Advance(1);

        foreach (var (what, sql) in SeedTables.CounterChecks)
        {
            var wrong = (long)Scalar(sql);
            if (wrong > 0) problems.Add($"{what} disagrees with the rows on {wrong} rows");
        }
        step.Advance(1);

        foreach (var table in IdentityTables)
        {
            var behind = (bool)Scalar($"""
                SELECT COALESCE(MAX("Id"), 0) >= (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END
                                                  FROM {Sequence(table)})
                FROM "{table}"
                """);
            if (behind) problems.Add($"the id sequence of {table} would hand out ids already taken");
        }
        step.Advance(1);
        return problems;
    }

    /// <summary>users ← videos, follows ×2, likes ×2, comments ×2, messages ×2 (media_jobs is not seeded).</summary>
    private const int ModelForeignKeys = 9;

    public long SizeBytes() => (long)Scalar("SELECT pg_database_size(current_database())");

    private sealed class Row(NpgsqlBinaryImporter importer) : ISeedRow
    {
        public void Add(long value) => importer.Write(value, NpgsqlDbType.Bigint);
        public void Add(string value) => importer.Write(value, NpgsqlDbType.Text);
    }

    private void Copy(SeedTable table)
    {
        using var step = Progress.Start(table.Stage, table.Rows);
        if (table.Rows == 0) return;
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c}\""));
        using (var importer = connection.BeginBinaryImport($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            var row = new Row(importer);
            var sinceReport = 0;
            for (var i = 0; i < table.Rows; i++)
            {
                importer.StartRow();
                table.Fill(i, row);
                if (++sinceReport == ProgressEvery)
                {
                    step.Advance(sinceReport);
                    sinceReport = 0;
                }
            }
            var copied = importer.Complete();
            if (copied != (ulong)table.Rows)
                throw new InvalidOperationException($"COPY {table.Name} stored {copied} rows, not {table.Rows}");
            step.Advance(sinceReport);
        }
    }

    private string Sequence(string table) =>
        (string)Scalar($"SELECT pg_get_serial_sequence('\"{table}\"', 'Id')");

    private object Scalar(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar()!;
    }

    private void Exec(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
