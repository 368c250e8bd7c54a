namespace Tiktok.Server.Seeding;

/// <summary>
/// One table to fill: its columns (as both migrations name them) and how to
/// produce row i. The writers differ only in how the values reach the database.
/// </summary>
public sealed record SeedTable(string Name, string[] Columns, long Rows, Action<int, ISeedRow> Fill)
{
    /// <summary>The progress stage, e.g. "insert likes".</summary>
    public string Stage => $"insert {Name}";
}
