namespace Tiktok.Server.Seeding;

public sealed class SeedArgumentException(string message) : Exception(message);
