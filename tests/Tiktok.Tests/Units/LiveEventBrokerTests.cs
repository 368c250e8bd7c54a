using System.Threading.Channels;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Notifications;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Tests.Units;

/// <summary>The subscriptions' fan-out: topics, a slow subscriber dropped with an error, the others unaffected.</summary>
public sealed class LiveEventBrokerTests
{
    private sealed class Recorder : IObserver<object>
    {
        public Channel<object> Items { get; } = Channel.CreateUnbounded<object>();
        public TaskCompletionSource<Exception> Error { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void OnNext(object value) => Items.Writer.TryWrite(value);
        public void OnError(Exception error) => Error.TrySetResult(error);
        public void OnCompleted() { }
    }

    [Fact]
    public async Task A_subscriber_that_stops_writing_is_dropped_with_RATE_LIMITED_and_the_publisher_and_others_go_on()
    {
        var broker = new LiveEventBroker();
        using var stalledFlow = new SubscriptionFlow(); // never released: its socket writes nothing
        using var healthyFlow = new SubscriptionFlow();
        var stalled = new Recorder();
        var healthy = new Recorder();
        using var a = broker.Watch(LiveTopics.Video(7), stalledFlow, e => e).Subscribe(stalled);
        using var b = broker.Watch(LiveTopics.Video(7), healthyFlow, e => e).Subscribe(healthy);
        using var other = broker.Watch(LiveTopics.Video(8), healthyFlow, e => e).Subscribe(new Recorder());
        Assert.Equal(3, broker.SubscriberCount);

        var total = SubscriptionFlow.MaxInFlight + LiveEventBroker.QueueCapacity + 10;
        for (var i = 0; i < total; i++)
        {
            broker.Publish(new VideoCountsChanged(7, i, 0)); // never blocks
            if (await healthy.Items.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)) is not VideoCountsChanged { LikeCount: var n } || n != i)
                Assert.Fail($"the healthy subscriber missed event {i}");
            healthyFlow.Release();
        }

        var error = Assert.IsType<DomainException>(await stalled.Error.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ErrorCode.RateLimited, error.Code);
        Assert.Contains("fell more than", error.Message);
        Assert.Equal(2, broker.SubscriberCount); // the stalled one is gone
    }

    [Fact]
    public void A_message_reaches_the_topics_of_both_users_and_other_events_no_subscription()
    {
        Assert.Equal(["user:1", "user:2"], LiveTopics.Of(new MessageStored(5, 1, 2, "hi", 10, 0)));
        Assert.Equal(["video:3"], LiveTopics.Of(new CommentDeleted(3, 4)));
        Assert.False(LiveTopics.IsLive(new FollowChanged(1, 2, true)));
    }

    [Fact]
    public void The_backplane_codec_round_trips_every_live_event()
    {
        IDomainEvent[] events =
        [
            new VideoCountsChanged(1, 2, 3), new CommentAdded(1, 2, 3, "x", 4), new CommentDeleted(1, 2),
            new MessageStored(1, 2, 3, "hello", 4, 5),
            new NotificationChanged(7, NotificationChange.Updated,
                new NotificationView(1, NotificationKind.Comment, 2, 3, 4, 5, "text", 6, 7, true)),
            new UnreadNotificationsChanged(7, 42),
        ];
        foreach (var e in events)
            Assert.Equal(("me", e), LiveEventCodec.Decode(LiveEventCodec.Encode("me", e)));
    }
}
