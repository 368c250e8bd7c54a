namespace Tiktok.RestCompat.Contract;

public sealed class VideoShape
{
    public long Id { get; set; }
    public UserShape Author { get; set; } = new();
    public string PlayUrl { get; set; } = "";
    public string CoverUrl { get; set; } = "";
    public long FavoriteCount { get; set; }
    public long CommentCount { get; set; }
    public bool IsFavorite { get; set; }
    public string Title { get; set; } = "";
}
