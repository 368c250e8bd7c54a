namespace Tiktok.Core;

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string (Npgsql format); unused for SQLite.</summary>
    public string ConnectionString { get; set; } = "";
}
