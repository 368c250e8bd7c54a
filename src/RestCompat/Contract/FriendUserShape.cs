using System.Text.Json.Serialization;

namespace Tiktok.RestCompat.Contract;

public sealed class FriendUserShape : UserShape
{
    public string Message { get; set; } = "";
    [JsonPropertyName("msgType")] public long MsgType { get; set; }
}
