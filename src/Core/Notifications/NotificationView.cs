namespace Tiktok.Core.Notifications;

/// <summary>A notification as its recipient sees it; <paramref name="CommentText"/> only for a comment that still exists.</summary>
public sealed record NotificationView(
    long Id,
    NotificationKind Kind,
    long ActorId,
    long ActorCount,
    long? VideoId,
    long? CommentId,
    string? CommentText,
    long CreatedAt,
    long UpdatedAt,
    bool Read);
