using System.Data.Common;
using System.Net.Sockets;

namespace Tiktok.Core.Errors;

/// <summary>
/// Tells a passing outage of the database (or the network to it) from a bug: a refused or dropped
/// connection, a timeout, a server shutting down or starting up, a database still locked after its
/// busy timeout. Such a failure answers <see cref="ErrorCode.Unavailable"/> ("try again") rather
/// than <see cref="ErrorCode.Internal"/>. Every write is one transaction (<c>Writes</c>), so a
/// failure part-way leaves nothing half-written.
/// </summary>
/// <remarks>
/// A singleton: the checks of the providers the host uses (SQLite's busy/locked codes live in a
/// package Core does not reference) come in as <see cref="ITransientFailureCheck"/> services.
/// </remarks>
public sealed class TransientFailures(IEnumerable<ITransientFailureCheck> providerChecks)
{
    private readonly ITransientFailureCheck[] _providerChecks = providerChecks.ToArray();

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions is a transient database failure.</summary>
    public bool Is(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        for (var guard = 0; pending.Count > 0 && guard < 32; guard++)
        {
            var e = pending.Pop();
            if (IsOne(e)) return true;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner)
                pending.Push(inner);
        }
        return false;
    }

    private bool IsOne(Exception e)
    {
        switch (e)
        {
            // Npgsql: I/O and socket failures, timeouts, and server states such as 57P01 (admin
            // shutdown), 57P03 (starting up), 53300 (too many connections), 08xxx (connection).
            case DbException { IsTransient: true }:
            case DbException { SqlState: { Length: 5 } state } when state.StartsWith("08", StringComparison.Ordinal) ||
                                                                     state is "57P01" or "57P02" or "57P03" or "53300":
            case SocketException:
            case TimeoutException:
                return true;
        }
        foreach (var check in _providerChecks)
            if (check.IsTransient(e)) return true;
        return false;
    }
}
