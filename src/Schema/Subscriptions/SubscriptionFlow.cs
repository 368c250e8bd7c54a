namespace Tiktok.Schema.Subscriptions;

/// <summary>
/// One subscription's credit with its transport: the broker hands on an event only while fewer
/// than <see cref="MaxInFlight"/> are waiting to be written, so a slow socket backs events up in
/// the broker's bounded queue (where overflow drops the subscription) and nowhere else.
/// </summary>
public sealed class SubscriptionFlow : IDisposable
{
    /// <summary>Events handed to GraphQL execution but not yet written to the socket.</summary>
    public const int MaxInFlight = 8;

    /// <summary>The key of the flow in <see cref="GraphQLUserContext"/> (set only by the WebSocket transport).</summary>
    public const string UserContextKey = "tiktok.subscriptionFlow";

    private readonly SemaphoreSlim _credit = new(MaxInFlight, MaxInFlight);

    public Task WaitAsync(CancellationToken ct) => _credit.WaitAsync(ct);

    /// <summary>One event was written (or given up on).</summary>
    public void Release()
    {
        try { _credit.Release(); }
        catch (SemaphoreFullException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose() => _credit.Dispose();
}
