using Tiktok.Core.Users;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Users;

/// <summary>What a list of users (<c>User.following</c>, <c>User.followers</c>) can be filtered and ordered by.</summary>
public static class UserListFields
{
    public static IReadOnlyList<ListFieldSpec<UserField>> All { get; } =
    [
        new("name", UserField.Name, IsText: true, Sortable: false, "the user name"),
        new("followCount", UserField.FollowCount, IsText: false, Sortable: true, "users they follow"),
        new("followerCount", UserField.FollowerCount, IsText: false, Sortable: true, "their followers"),
        new("workCount", UserField.WorkCount, IsText: false, Sortable: true, "videos they published"),
    ];
}
