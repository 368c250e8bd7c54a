namespace Tiktok.RestCompat.Contract;

public sealed class CommentListResponse : StatusResponse
{
    public List<CommentShape> CommentList { get; set; } = [];
}
