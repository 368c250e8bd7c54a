using Microsoft.Data.Sqlite;
using Tiktok.Core.Errors;

namespace Tiktok.Server.Data;

/// <summary>SQLite still busy or locked (SQLITE_BUSY 5, SQLITE_LOCKED 6) after its busy timeout: a passing outage.</summary>
public sealed class SqliteBusy : ITransientFailureCheck
{
    public bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };
}
