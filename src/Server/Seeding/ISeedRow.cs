namespace Tiktok.Server.Seeding;

/// <summary>Receives one row's values, in the order of <see cref="SeedTable.Columns"/>.</summary>
public interface ISeedRow
{
    void Add(long value);
    void Add(string value);
}
