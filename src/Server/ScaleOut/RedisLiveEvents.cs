using StackExchange.Redis;
using Tiktok.Core.Events;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Server.ScaleOut;

/// <summary>
/// The GraphQL subscriptions' backplane: each committed event is published on the Redis channel
/// <c>{prefix}:graphql:events</c>, and events other instances publish are handed to this instance's
/// broker (an instance's own events reach its broker directly, so a Redis outage loses only the
/// cross-instance ones; clients catch up with a query). See docs/graphql.md.
/// </summary>
public sealed class RedisLiveEvents(RedisConnection redis, LiveEventBroker broker, ILogger<RedisLiveEvents> logger)
    : ILiveEventBackplane, IHostedService
{
    private readonly string _origin = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(redis.Prefix + ":graphql:events");
    private ISubscriber? _subscriber;

    public void Publish(IDomainEvent domainEvent)
    {
        var subscriber = _subscriber;
        if (subscriber is null)
        {
            logger.LogWarning("Redis not connected yet: {Event} reaches only this instance's subscriptions", domainEvent);
            return;
        }
        try
        {
            subscriber.Publish(_channel, LiveEventCodec.Encode(_origin, domainEvent), CommandFlags.FireAndForget);
        }
        catch (Exception ex)
        {
            redis.Failed("graphql_events_publish", ex);
        }
    }

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Subscribes in the background (retrying until Redis answers), so start-up never waits for Redis.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = SubscribeAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var subscriber = (await redis.ConnectedAsync()).GetSubscriber();
                var queue = await subscriber.SubscribeAsync(_channel);
                // Ordered per channel; StackExchange.Redis subscribes again by itself after a reconnect.
                queue.OnMessage(Receive);
                _subscriber = subscriber;
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                redis.Failed("graphql_events_subscribe", ex);
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Receive(ChannelMessage message)
    {
        try
        {
            if (LiveEventCodec.Decode(message.Message.ToString()) is { } decoded && decoded.Origin != _origin)
                broker.Publish(decoded.Event);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
        {
            logger.LogWarning(ex, "Ignored a malformed message on {Channel}", _channel);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }
}
