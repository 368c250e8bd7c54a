namespace Tiktok.Schema.Paging;

public interface IPageInfo
{
    bool HasNextPage { get; }
    string? EndCursor { get; }
}
