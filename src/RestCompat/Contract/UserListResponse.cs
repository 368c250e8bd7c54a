namespace Tiktok.RestCompat.Contract;

public sealed class UserListResponse : StatusResponse
{
    public List<UserShape> UserList { get; set; } = [];
}
