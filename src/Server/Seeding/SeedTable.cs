namespace Tiktok.Server.Seeding;

/// <summary>
/// One table to fill: its columns (the model's names, as both migrations spell them) and how to
/// produce row i. The writers differ only in how the values reach the database.
/// </summary>
public sealed record SeedTable(string Name, string[] Columns, long Rows, Action<int, ISeedRow> Fill)
{
    /// <summary>The progress stage, e.g. "insert likes".</summary>
    public string Stage => $"insert {Name}";

    /// <summary>Whether the table's key is a generated "Id" whose sequence must follow the seeded ids.</summary>
    public bool HasIdentity => Columns[0] == "Id";
}
