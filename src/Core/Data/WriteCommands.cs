using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tiktok.Core.Data;

/// <summary>
/// Parameterised statements sent straight to the write transaction's connection, each command made
/// once and reused (and, on SQLite, prepared once) for as long as the writer holds the connection: a
/// group-commit batch, or one action on a server database. For the hot single-row writes (a like,
/// a savepoint) this costs a fraction of an EF Core command; what the statements touch is still
/// recorded on the <see cref="WriteContext"/> by their caller, so effects stay derived from the rows.
/// Parameters are named <c>@p0</c>, <c>@p1</c>, … in the order of the values given.
/// </summary>
internal sealed class WriteCommands(TiktokDbContext db) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/> in the current transaction, with its parameters set to <paramref name="values"/>.</summary>
    public DbCommand For(string sql, params ReadOnlySpan<object> values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = ParameterNames[i];
                command.Parameters.Add(parameter);
            }
            _commands.Add(sql, command);
        }
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
    }

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 8).Select(i => $"@p{i}")];
}
