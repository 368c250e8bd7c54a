namespace Tiktok.Server.Seeding;

/// <summary>Where progress goes: Spectre.Console bars on a terminal, plain lines otherwise.</summary>
public interface ISeedProgress
{
    ISeedStep Start(string name, long total);
}
