namespace Tiktok.RestCompat.Contract;

public sealed class UserResponse : StatusResponse
{
    public UserShape User { get; set; } = new();
}
