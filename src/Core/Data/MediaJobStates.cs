namespace Tiktok.Core.Data;

/// <summary>The states of a <see cref="MediaJob"/>: pending, running, then done or failed.</summary>
public static class MediaJobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}
