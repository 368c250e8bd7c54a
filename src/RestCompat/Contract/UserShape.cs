namespace Tiktok.RestCompat.Contract;

public class UserShape
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public long FollowCount { get; set; }
    public long FollowerCount { get; set; }
    public bool IsFollow { get; set; }
    public string Avatar { get; set; } = "";
    public string BackgroundImage { get; set; } = "";
    public string Signature { get; set; } = "";
    public long TotalFavorited { get; set; }
    public long WorkCount { get; set; }
    public long FavoriteCount { get; set; }
}
