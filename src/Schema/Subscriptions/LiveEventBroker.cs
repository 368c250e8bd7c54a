using System.Threading.Channels;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>
/// This instance's fan-out of committed events to GraphQL subscriptions, by topic
/// (<see cref="LiveTopics"/>). <see cref="Publish"/> never blocks: each subscriber has a bounded
/// queue, and a subscriber whose queue is full is dropped with an error. See docs/graphql.md.
/// </summary>
public sealed class LiveEventBroker
{
    /// <summary>Events one subscription may fall behind before it is dropped.</summary>
    public const int QueueCapacity = 64;

    private readonly Dictionary<string, List<Subscriber>> _topics = [];
    private readonly Lock _lock = new();

    /// <summary>Hands a committed event to every subscriber of its topics on this instance.</summary>
    public void Publish(IDomainEvent domainEvent)
    {
        foreach (var topic in LiveTopics.Of(domainEvent))
        {
            Subscriber[] subscribers;
            lock (_lock)
            {
                if (!_topics.TryGetValue(topic, out var list)) continue;
                subscribers = [.. list];
            }
            foreach (var subscriber in subscribers) subscriber.Offer(domainEvent);
        }
    }

    /// <summary>Subscribers on this instance (for metrics and tests).</summary>
    public int SubscriberCount
    {
        get { lock (_lock) return _topics.Values.Sum(l => l.Count); }
    }

    /// <summary>
    /// The events of <paramref name="topic"/> committed from the moment an observer subscribes,
    /// mapped by <paramref name="map"/> (null: not for this subscription; an <see cref="Exception"/>: the
    /// stream ends with it, after the events before it). At most
    /// <see cref="SubscriptionFlow.MaxInFlight"/> mapped events are handed on before the transport
    /// has written them.
    /// </summary>
    public IObservable<object> Watch(string topic, SubscriptionFlow flow, Func<IDomainEvent, object?> map) =>
        new Stream(this, topic, flow, map);

    private void Add(string topic, Subscriber subscriber)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(topic, out var list)) _topics[topic] = list = [];
            list.Add(subscriber);
        }
    }

    private void Remove(string topic, Subscriber subscriber)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(topic, out var list)) return;
            list.Remove(subscriber);
            if (list.Count == 0) _topics.Remove(topic);
        }
    }

    private sealed class Stream(LiveEventBroker broker, string topic, SubscriptionFlow flow, Func<IDomainEvent, object?> map)
        : IObservable<object>
    {
        public IDisposable Subscribe(IObserver<object> observer)
        {
            var subscriber = new Subscriber(broker, topic, flow, map, observer);
            broker.Add(topic, subscriber);
            subscriber.Start();
            return subscriber;
        }
    }

    private sealed class Subscriber(LiveEventBroker broker, string topic, SubscriptionFlow flow,
        Func<IDomainEvent, object?> map, IObserver<object> observer) : IDisposable
    {
        private readonly Channel<IDomainEvent> _queue = Channel.CreateBounded<IDomainEvent>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly CancellationTokenSource _stop = new();
        private DomainException? _overflow;
        private volatile bool _disposed;

        public void Offer(IDomainEvent domainEvent)
        {
            if (_queue.Writer.TryWrite(domainEvent)) return;
            // Full: this subscriber is too slow. Drop it rather than hold up the writer or other subscribers.
            broker.Remove(topic, this);
            if (Interlocked.CompareExchange(ref _overflow, new DomainException(ErrorCode.RateLimited,
                    $"this subscription fell more than {QueueCapacity} events behind and was dropped: subscribe again, and catch up with a query"),
                    null) is not null) return;
            _queue.Writer.TryComplete();
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
        }

        public void Start() => _ = PumpAsync();

        private async Task PumpAsync()
        {
            var ct = _stop.Token;
            try
            {
                await foreach (var domainEvent in _queue.Reader.ReadAllAsync(ct))
                {
                    if (map(domainEvent) is not { } item) continue;
                    if (item is Exception end)
                    {
                        // The stream's subject is gone (a deleted video): it ends with this error.
                        broker.Remove(topic, this);
                        _queue.Writer.TryComplete();
                        if (!_disposed) observer.OnError(end);
                        return;
                    }
                    await flow.WaitAsync(ct);
                    observer.OnNext(item);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                if (!_disposed) observer.OnError(e);
                return;
            }
            if (_disposed) return;
            if (Volatile.Read(ref _overflow) is { } overflow) observer.OnError(overflow);
            else observer.OnCompleted();
        }

        public void Dispose()
        {
            broker.Remove(topic, this);
            if (_disposed) return;
            _disposed = true;
            _queue.Writer.TryComplete();
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
        }
    }
}
