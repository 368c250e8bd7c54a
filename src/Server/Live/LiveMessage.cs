using System.Text.Json.Serialization;
using Tiktok.Core.Events;
using Tiktok.Core.Messages;

namespace Tiktok.Server.Live;

/// <summary>
/// A direct message as pushed and as returned by the chat hub: REST compat's message fields plus
/// <c>prev_create_time</c>, which lets a client see that pushes from two instances arrived out of
/// order (<see cref="MessageView.PrevCreatedAt"/>).
/// </summary>
public sealed record LiveMessage(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("from_user_id")] long FromUserId,
    [property: JsonPropertyName("to_user_id")] long ToUserId,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("create_time")] long CreateTime,
    [property: JsonPropertyName("prev_create_time")] long PrevCreateTime)
{
    public static LiveMessage From(MessageStored e) => new(e.MessageId, e.FromUserId, e.ToUserId, e.Content, e.CreatedAt, e.PrevCreatedAt);
    public static LiveMessage From(MessageView m) => new(m.Id, m.FromUserId, m.ToUserId, m.Content, m.CreatedAt, m.PrevCreatedAt);
}
