namespace Tiktok.RestCompat.Contract;

public sealed class CommentActionResponse : StatusResponse
{
    public CommentShape Comment { get; set; } = new();
}
