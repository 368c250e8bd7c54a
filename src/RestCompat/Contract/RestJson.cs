using System.Text.Json.Serialization;

namespace Tiktok.RestCompat.Contract;

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
