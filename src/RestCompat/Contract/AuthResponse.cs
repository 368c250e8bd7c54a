namespace Tiktok.RestCompat.Contract;

public sealed class AuthResponse : StatusResponse
{
    public long UserId { get; set; }
    public string Token { get; set; } = "";
}
