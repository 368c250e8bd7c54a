namespace Tiktok.Core.Data;

/// <summary>A published video; its like and comment counts move with the rows they count.</summary>
public sealed class Video
{
    public long Id { get; set; }
    public long AuthorId { get; set; }
    public User Author { get; set; } = null!;
    public required string Title { get; set; }
    public required string PlayKey { get; set; }
    public required string CoverKey { get; set; }
    public long LikeCount { get; set; }
    public long CommentCount { get; set; }
    /// <summary>Publish time in Unix ms; unique, so feed paging by time never repeats or skips.</summary>
    public long CreatedAt { get; set; }
}
