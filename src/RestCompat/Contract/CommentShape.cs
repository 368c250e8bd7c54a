namespace Tiktok.RestCompat.Contract;

public sealed class CommentShape
{
    public long Id { get; set; }
    public UserShape User { get; set; } = new();
    public string Content { get; set; } = "";
    public string CreateDate { get; set; } = "";
}
