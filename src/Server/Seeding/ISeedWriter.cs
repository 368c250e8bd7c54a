namespace Tiktok.Server.Seeding;

/// <summary>
/// Puts <see cref="SeedTables"/> into one kind of database. <see cref="SeedCommand"/> drives it:
/// count, clear if asked, write, finish, verify; the rows and their order are the same for every kind.
/// </summary>
public interface ISeedWriter : IDisposable
{
    /// <summary>What is being seeded, for messages: the SQLite file, or the PostgreSQL database and server.</summary>
    string Target { get; }

    /// <summary>Where the stages report; nothing until set.</summary>
    ISeedProgress Progress { get; set; }

    /// <summary>Rows per table of <see cref="SeedTables.Names"/>, for the emptiness check and the summary.</summary>
    Dictionary<string, long> CountRows();

    /// <summary>Deletes every row the seed owns (and the media jobs of their videos) and restarts the id sequences.</summary>
    void Clear();

    /// <summary>Inserts every table of <see cref="SeedTables.Describe"/>, in its order.</summary>
    void Write(IReadOnlyList<SeedTable> tables);

    /// <summary>What <see cref="Finish"/> does, as a phase name ("checkpoint", "sequences, analyze").</summary>
    string FinishPhase { get; }

    /// <summary>Leaves the database ready for the server (after the rows, before the checks).</summary>
    void Finish();

    /// <summary>
    /// Checks what the server relies on: no dangling reference, every denormalised count equal to a
    /// count of rows, and ids the server can keep generating. Returns the problems found (none, normally).
    /// </summary>
    List<string> Verify();

    /// <summary>The database's size on disk, in bytes.</summary>
    long SizeBytes();
}
