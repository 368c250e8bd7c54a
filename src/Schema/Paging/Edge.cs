namespace Tiktok.Schema.Paging;

public sealed record Edge<T>(string Cursor, T Node);
