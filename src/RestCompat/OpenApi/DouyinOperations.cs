using Tiktok.Core.Errors;
using Tiktok.RestCompat.Contract;
using static Tiktok.Core.Errors.ErrorCode;

namespace Tiktok.RestCompat.OpenApi;

/// <summary>
/// The description of every <c>/douyin</c> endpoint (API.md, docs/rest-compat.md), attached to its
/// route in <see cref="DouyinEndpoints"/> and rendered by <see cref="DouyinOperationTransformer"/>.
/// </summary>
public static class DouyinOperations
{
    // Codes any endpoint can answer: a parameter given twice or an unreadable body, a body over
    // the limit (413), a bug (9001), the database unreachable (503).
    private static readonly ErrorCode[] Always = [InvalidValue, RequestTooLarge, Internal, Unavailable];
    private static readonly ErrorCode[] Reader = [TokenInvalid, UserNotFound];
    private static readonly ErrorCode[] Actor = [TokenMissing, TokenInvalid, UserNotFound];
    private static readonly ErrorCode[] Ids = [MissingParameter, NotANumber, OutOfRange];

    private static ErrorCode[] Codes(params ErrorCode[][] sets) => sets.SelectMany(s => s).Distinct().Order().ToArray();

    private static ParameterDoc Token(bool required) => new("token", ParameterKind.Token, required,
        required
            ? "The access token from register or log-in (or send `Authorization: Bearer <token>`)."
            : "Optional access token (or `Authorization: Bearer <token>`): with it `is_follow`/`is_favorite` are the viewer's; an invalid or expired one is refused (2002). Empty counts as absent.");

    private static ParameterDoc UserId(string whose) => new("user_id", ParameterKind.Id, false,
        $"The user {whose}; missing, empty or 0 means the token's own user (then a token is required: 1001 without one).");

    private static ParameterDoc ActionType(string meaning, params int[] allowed) =>
        new("action_type", ParameterKind.ActionType, true, meaning, allowed);

    public static readonly OperationDoc Feed = new("feed", "Feed", "The video feed",
        "Newest first, at most 30 videos published strictly before `latest_time`. `next_time` is the publish time of the oldest video returned (pass it as the next `latest_time`), 0 when the page is empty.",
        TokenUse.Optional, typeof(FeedResponse),
        [
            new("latest_time", ParameterKind.Time, false, "Only videos published strictly before this time (Unix ms; below 10^11 taken as seconds); absent or 0 means now."),
            Token(false),
        ],
        Codes(Always, Reader, [NotANumber, OutOfRange]));

    public static readonly OperationDoc Register = new("register", "User", "Sign up",
        "Creates the account and answers its id and an access token. Limited per client address (`Tiktok:AuthRequestsPerMinute`, HTTP 429 with `Retry-After`).",
        TokenUse.None, typeof(AuthResponse),
        [
            new("username", ParameterKind.Text, true, "At most 32 characters, unique after Unicode normalisation (docs/errors.md#user-names)."),
            new("password", ParameterKind.Text, true, "6 to 32 characters."),
        ],
        Codes(Always, [MissingParameter, TooLong, TooShort, UsernameTaken, RateLimited]));

    public static readonly OperationDoc Login = new("login", "User", "Log in",
        "Answers the user's id and a new access token; an unknown name and a wrong password get the same answer (2004). Limited per client address like sign-up.",
        TokenUse.None, typeof(AuthResponse),
        [
            new("username", ParameterKind.Text, true, "The name given at sign-up."),
            new("password", ParameterKind.Text, true, "The password."),
        ],
        Codes(Always, [MissingParameter, TooLong, WrongCredentials, RateLimited]));

    public static readonly OperationDoc UserInfo = new("userInfo", "User", "A user's profile",
        "The user with counts; `is_follow` says whether the viewer (the token's user) follows them.",
        TokenUse.Optional, typeof(UserResponse),
        [UserId("to show"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc Publish = new("publish", "Publish", "Publish a video",
        "A multipart body: `data` the video file (MP4, QuickTime or WebM, at most `Tiktok:MaxUploadBytes`, HTTP 413 over it), `title`, `token` (or the token in the query or a bearer header). Parts may come in any order; on any refusal nothing is kept. The answer waits for the cover up to `Tiktok:Processing:InlineBudget`.",
        TokenUse.Required, typeof(StatusResponse),
        [
            new("data", ParameterKind.File, true, "The video file."),
            new("title", ParameterKind.Text, true, "Present, may be empty, at most 100 characters."),
            Token(true),
        ],
        Codes(Always, Actor, [MissingParameter, TooLong, UploadMissing, UploadTooLarge, NotAVideo, StorageFailed]),
        MultipartOnly: true);

    public static readonly OperationDoc PublishList = new("publishList", "Publish", "A user's videos",
        "The user's videos, newest first, at most `Tiktok:ListLimit`.",
        TokenUse.Optional, typeof(VideoListResponse),
        [UserId("whose videos to list"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc FavoriteAction = new("favoriteAction", "Favorite", "Like or unlike a video",
        "Repeating either changes nothing.",
        TokenUse.Required, typeof(StatusResponse),
        [
            Token(true),
            new("video_id", ParameterKind.Id, true, "The video."),
            ActionType("1 like, 2 cancel the like.", 1, 2),
        ],
        Codes(Always, Actor, Ids, [VideoNotFound]));

    public static readonly OperationDoc FavoriteList = new("favoriteList", "Favorite", "The videos a user liked",
        "Most recently liked first, at most `Tiktok:ListLimit`.",
        TokenUse.Optional, typeof(VideoListResponse),
        [UserId("whose likes to list"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc CommentAction = new("commentAction", "Comment", "Comment on a video, or delete a comment",
        "`action_type` 1 adds `comment_text` and answers the new comment (refused with 4007 when the video's author and the caller have blocked one another); 2 deletes `comment_id` (its author only) and answers a zero-valued `comment`.",
        TokenUse.Required, typeof(CommentActionResponse),
        [
            Token(true),
            new("video_id", ParameterKind.Id, true, "The video."),
            ActionType("1 publish a comment, 2 delete one.", 1, 2),
            new("comment_text", ParameterKind.Text, false, "For action_type 1 (required there): at most 500 characters."),
            new("comment_id", ParameterKind.Id, false, "For action_type 2 (required there): the comment to delete."),
        ],
        Codes(Always, Actor, Ids, [TooLong, VideoNotFound, CommentNotFound, NotCommentAuthor, Blocked]));

    public static readonly OperationDoc CommentList = new("commentList", "Comment", "A video's comments",
        "Newest first, at most `Tiktok:ListLimit`; `create_date` is `MM-dd` in `Tiktok:TimeZone`.",
        TokenUse.Optional, typeof(CommentListResponse),
        [new("video_id", ParameterKind.Id, true, "The video."), Token(false)],
        Codes(Always, Reader, Ids, [VideoNotFound]));

    public static readonly OperationDoc RelationAction = new("relationAction", "Relation", "Follow or unfollow a user",
        "Repeating either changes nothing; nobody can follow themselves (4002), nor a user when either of the two has blocked the other (4007).",
        TokenUse.Required, typeof(StatusResponse),
        [
            Token(true),
            new("to_user_id", ParameterKind.Id, true, "The user to follow or unfollow."),
            ActionType("1 follow, 2 unfollow.", 1, 2),
        ],
        Codes(Always, Actor, Ids, [CannotFollowSelf, Blocked]));

    public static readonly OperationDoc FollowList = new("followList", "Relation", "The users a user follows",
        "Newest first, at most `Tiktok:ListLimit`.",
        TokenUse.Optional, typeof(UserListResponse),
        [UserId("whose follows to list"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc FollowerList = new("followerList", "Relation", "A user's followers",
        "Newest first, at most `Tiktok:ListLimit`.",
        TokenUse.Optional, typeof(UserListResponse),
        [UserId("whose followers to list"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc FriendList = new("friendList", "Relation", "A user's friends",
        "Users who follow each other with the user, each with the latest message between the viewer and that friend (`msgType` 1 when the viewer sent it); without a token both are zero-valued.",
        TokenUse.Optional, typeof(FriendListResponse),
        [UserId("whose friends to list"), Token(false)],
        Codes(Always, Reader, Ids));

    public static readonly OperationDoc Chat = new("messageChat", "Message", "A chat's messages",
        "Both directions, oldest first, created strictly after `pre_msg_time`, at most `Tiktok:ListLimit`: polling with the last `create_time` received returns each message once.",
        TokenUse.Required, typeof(MessageListResponse),
        [
            Token(true),
            new("to_user_id", ParameterKind.Id, true, "The other user of the chat."),
            new("pre_msg_time", ParameterKind.Time, false, "Only messages created strictly after this time (Unix ms; below 10^11 taken as seconds); absent or 0 means all."),
        ],
        Codes(Always, Actor, Ids));

    public static readonly OperationDoc MessageAction = new("messageAction", "Message", "Send a message",
        "Sends `content` to `to_user_id`; nobody can message themselves (4003), nor a user when either of the two has blocked the other (4007).",
        TokenUse.Required, typeof(StatusResponse),
        [
            Token(true),
            new("to_user_id", ParameterKind.Id, true, "The recipient."),
            ActionType("1 send.", 1),
            new("content", ParameterKind.Text, true, "At most 1000 characters."),
        ],
        Codes(Always, Actor, Ids, [TooLong, CannotMessageSelf, Blocked]));
}
