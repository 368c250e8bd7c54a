namespace Tiktok.Core.Data;

/// <summary>One actor of a notification's group (whose undo withdraws them from it).</summary>
public sealed class NotificationActor
{
    public long NotificationId { get; set; }
    public long ActorId { get; set; }
    public long CreatedAt { get; set; }
}
