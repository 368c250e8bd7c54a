namespace Tiktok.RestCompat.Contract;

public sealed class VideoListResponse : StatusResponse
{
    public List<VideoShape> VideoList { get; set; } = [];
}
