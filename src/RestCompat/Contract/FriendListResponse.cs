namespace Tiktok.RestCompat.Contract;

public sealed class FriendListResponse : StatusResponse
{
    public List<FriendUserShape> UserList { get; set; } = [];
}
