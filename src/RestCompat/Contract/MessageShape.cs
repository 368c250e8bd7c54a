namespace Tiktok.RestCompat.Contract;

public sealed class MessageShape
{
    public long Id { get; set; }
    public long ToUserId { get; set; }
    public long FromUserId { get; set; }
    public string Content { get; set; } = "";
    public long CreateTime { get; set; }
}
