using System.Text.Json.Serialization;

namespace Tiktok.RestCompat.Contract;

// The stock app's JSON shapes (API.md), field for field. Every field is always written,
// zero values included; error answers are these same shapes, zero-valued.

public class StatusResponse
{
    [JsonPropertyOrder(-2)] public int StatusCode { get; set; }
    [JsonPropertyOrder(-1)] public string StatusMsg { get; set; } = "";
}

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

public sealed class FriendUserShape : UserShape
{
    public string Message { get; set; } = "";
    [JsonPropertyName("msgType")] public long MsgType { get; set; }
}

public sealed class VideoShape
{
    public long Id { get; set; }
    public UserShape Author { get; set; } = new();
    public string PlayUrl { get; set; } = "";
    public string CoverUrl { get; set; } = "";
    public long FavoriteCount { get; set; }
    public long CommentCount { get; set; }
    public bool IsFavorite { get; set; }
    public string Title { get; set; } = "";
}

public sealed class CommentShape
{
    public long Id { get; set; }
    public UserShape User { get; set; } = new();
    public string Content { get; set; } = "";
    public string CreateDate { get; set; } = "";
}

public sealed class MessageShape
{
    public long Id { get; set; }
    public long ToUserId { get; set; }
    public long FromUserId { get; set; }
    public string Content { get; set; } = "";
    public long CreateTime { get; set; }
}

public sealed class FeedResponse : StatusResponse
{
    public List<VideoShape> VideoList { get; set; } = [];
    public long NextTime { get; set; }
}

public sealed class AuthResponse : StatusResponse
{
    public long UserId { get; set; }
    public string Token { get; set; } = "";
}

public sealed class UserResponse : StatusResponse
{
    public UserShape User { get; set; } = new();
}

public sealed class VideoListResponse : StatusResponse
{
    public List<VideoShape> VideoList { get; set; } = [];
}

public sealed class CommentActionResponse : StatusResponse
{
    public CommentShape Comment { get; set; } = new();
}

public sealed class CommentListResponse : StatusResponse
{
    public List<CommentShape> CommentList { get; set; } = [];
}

public sealed class UserListResponse : StatusResponse
{
    public List<UserShape> UserList { get; set; } = [];
}

public sealed class FriendListResponse : StatusResponse
{
    public List<FriendUserShape> UserList { get; set; } = [];
}

public sealed class MessageListResponse : StatusResponse
{
    public List<MessageShape> MessageList { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(FeedResponse))]
[JsonSerializable(typeof(AuthResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(VideoListResponse))]
[JsonSerializable(typeof(CommentActionResponse))]
[JsonSerializable(typeof(CommentListResponse))]
[JsonSerializable(typeof(UserListResponse))]
[JsonSerializable(typeof(FriendListResponse))]
[JsonSerializable(typeof(MessageListResponse))]
public sealed partial class RestJson : JsonSerializerContext;
