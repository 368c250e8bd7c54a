namespace Tiktok.RestCompat.Contract;

public sealed class FeedResponse : StatusResponse
{
    public List<VideoShape> VideoList { get; set; } = [];
    public long NextTime { get; set; }
}
