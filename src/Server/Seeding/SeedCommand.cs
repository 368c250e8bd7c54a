namespace Tiktok.Server.Seeding;

/// <summary>Placeholder until the generator lands.</summary>
public static class SeedCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("seed: not implemented yet");
        return Task.FromResult(2);
    }
}
