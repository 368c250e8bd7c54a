using GraphQL.Types;
using Tiktok.Core.Notifications;

namespace Tiktok.Schema.Notifications;

/// <summary>FOLLOW, LIKE or COMMENT.</summary>
public sealed class NotificationKindGraphType : EnumerationGraphType<NotificationKind>
{
    public NotificationKindGraphType() => Name = "NotificationKind";
}
