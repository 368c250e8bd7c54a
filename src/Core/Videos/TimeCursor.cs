namespace Tiktok.Core.Videos;

/// <summary>A position in a list ordered by (time, id), both descending.</summary>
public readonly record struct TimeCursor(long At, long Id);
