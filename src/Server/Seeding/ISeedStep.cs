namespace Tiktok.Server.Seeding;

/// <summary>One stage of the seeding (e.g. "insert likes") with a known number of items.</summary>
public interface ISeedStep : IDisposable
{
    void Advance(long items);
}
