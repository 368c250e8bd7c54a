using Tiktok.Core.Users;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Users;

public sealed class UserSortInputGraphType() : SortInputGraphType<UserField>("UserSortInput", UserListFields.All);
