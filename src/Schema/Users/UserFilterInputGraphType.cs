using Tiktok.Core.Users;
using Tiktok.Schema.Filtering;

namespace Tiktok.Schema.Users;

public sealed class UserFilterInputGraphType() : FilterInputGraphType<UserField>("UserFilterInput", UserListFields.All);
