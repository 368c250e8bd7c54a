namespace Tiktok.Core.Videos.Processing;

/// <summary>A job this instance now holds under its lease.</summary>
public sealed class ClaimedJob
{
    public long Id { get; set; }
    public long VideoId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>Attempts including this one.</summary>
    public int Attempts { get; set; }
}
