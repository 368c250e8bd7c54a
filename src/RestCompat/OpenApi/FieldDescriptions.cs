namespace Tiktok.RestCompat.OpenApi;

/// <summary>What each field of the answers means (API.md's objects), by JSON name, for the document's schemas.</summary>
internal static class FieldDescriptions
{
    // "Shape.field" first, then "field".
    private static readonly Dictionary<string, string> ByName = new(StringComparer.Ordinal)
    {
        ["status_code"] = "0 on success, else a code of the catalogue (docs/errors.md); the other fields are then zero-valued.",
        ["status_msg"] = "\"success\", or what was wrong, naming the parameter or object.",
        ["user_id"] = "The user's id.",
        ["token"] = "The access token: send it as `token` or `Authorization: Bearer`.",
        ["user"] = "The user.",
        ["video_list"] = "The videos.",
        ["next_time"] = "Publish time (Unix ms) of the oldest video returned, for the next `latest_time`; 0 when the page is empty.",
        ["comment"] = "The new comment (action_type 1); zero-valued for a delete.",
        ["comment_list"] = "The comments, newest first.",
        ["user_list"] = "The users.",
        ["message_list"] = "The messages, oldest first.",
        ["User.id"] = "The user's id.",
        ["FriendUser.id"] = "The user's id.",
        ["name"] = "The user name.",
        ["follow_count"] = "How many users this user follows.",
        ["follower_count"] = "How many users follow this user.",
        ["is_follow"] = "Whether the viewer (the token's user) follows this user; false without a token.",
        ["avatar"] = "Absolute URL of the avatar image.",
        ["background_image"] = "Absolute URL of the profile's background image.",
        ["signature"] = "The profile's text.",
        ["total_favorited"] = "Likes received on all of the user's videos.",
        ["work_count"] = "Videos the user has published.",
        ["User.favorite_count"] = "Videos the user has liked.",
        ["FriendUser.favorite_count"] = "Videos the user has liked.",
        ["message"] = "The latest message between the viewer and this friend, \"\" if none.",
        ["msgType"] = "1 when the viewer sent that latest message, 0 when they received it (or there is none).",
        ["Video.id"] = "The video's id.",
        ["author"] = "Who published the video.",
        ["play_url"] = "Absolute URL of the video file (HTTP Range supported).",
        ["cover_url"] = "Absolute URL of the cover image (a placeholder until the cover is cut).",
        ["Video.favorite_count"] = "How many users like the video.",
        ["comment_count"] = "How many comments the video has.",
        ["is_favorite"] = "Whether the viewer likes the video; false without a token.",
        ["title"] = "The video's title.",
        ["Comment.id"] = "The comment's id.",
        ["Comment.user"] = "Who wrote the comment.",
        ["Comment.content"] = "The comment's text.",
        ["create_date"] = "When the comment was written, `MM-dd` in the server's time zone (`Tiktok:TimeZone`).",
        ["Message.id"] = "The message's id.",
        ["to_user_id"] = "The recipient.",
        ["from_user_id"] = "The sender.",
        ["Message.content"] = "The message's text.",
        ["create_time"] = "When the message was sent (Unix ms); unique and increasing, for `pre_msg_time`.",
        ["id"] = "The id.",
    };

    public static string? For(string schema, string field) =>
        ByName.GetValueOrDefault($"{schema}.{field}") ?? ByName.GetValueOrDefault(field);
}
