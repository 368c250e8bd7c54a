using System.Text.Json;
using System.Text.Json.Serialization;
using Tiktok.Core.Events;

namespace Tiktok.Schema.Subscriptions;

/// <summary>The backplane's wire format: <c>{"origin":…,"type":…,"event":{…}}</c>, for the events subscriptions carry.</summary>
public static class LiveEventCodec
{
    private sealed record Envelope(
        [property: JsonPropertyName("origin")] string Origin,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("event")] JsonElement Event);

    public static string Encode(string origin, IDomainEvent domainEvent)
    {
        var type = domainEvent switch
        {
            // The tag names the event's field set: "likeCounts" since its count is LikeCount, so an instance
            // of an older version ignores it (and this one an older "counts") instead of reading a zero.
            VideoCountsChanged => "likeCounts",
            CommentAdded => "commentAdded",
            CommentDeleted => "commentDeleted",
            MessageStored => "message",
            NotificationChanged => "notification",
            UnreadNotificationsChanged => "unreadNotifications",
            _ => throw new ArgumentException($"{domainEvent.GetType().Name} is not carried to subscriptions", nameof(domainEvent)),
        };
        return JsonSerializer.Serialize(new Envelope(origin, type, JsonSerializer.SerializeToElement(domainEvent, domainEvent.GetType())));
    }

    /// <summary>The event and the instance that sent it, or null for a message this version does not know.</summary>
    public static (string Origin, IDomainEvent Event)? Decode(string json)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(json);
        if (envelope is null) return null;
        IDomainEvent? domainEvent = envelope.Type switch
        {
            "likeCounts" => envelope.Event.Deserialize<VideoCountsChanged>(),
            "commentAdded" => envelope.Event.Deserialize<CommentAdded>(),
            "commentDeleted" => envelope.Event.Deserialize<CommentDeleted>(),
            "message" => envelope.Event.Deserialize<MessageStored>(),
            "notification" => envelope.Event.Deserialize<NotificationChanged>(),
            "unreadNotifications" => envelope.Event.Deserialize<UnreadNotificationsChanged>(),
            _ => null,
        };
        return domainEvent is null ? null : (envelope.Origin, domainEvent);
    }
}
