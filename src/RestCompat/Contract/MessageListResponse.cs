namespace Tiktok.RestCompat.Contract;

public sealed class MessageListResponse : StatusResponse
{
    public List<MessageShape> MessageList { get; set; } = [];
}
