using Tiktok.Core.Data;

namespace Tiktok.Server.Seeding;

/// <summary>The rows of <see cref="SeedData"/> as tables, parents first; one definition for every database.</summary>
public static class SeedTables
{
    /// <summary>Every table the seed fills or clears, children first (the order to delete in).</summary>
    public static readonly string[] Names = ["messages", "follows", "comments", "likes", "videos", "users"];

    /// <summary>
    /// The tables in insertion order. Fill must be called for rows 0, 1, 2... of each table in this
    /// order: follow and like times are drawn from one random sequence as the rows are produced.
    /// </summary>
    public static IReadOnlyList<SeedTable> Describe(SeedData d, string passwordHash, string playKey, string coverKey)
    {
        var users = d.UserCount;
        var videos = d.VideoCount;
        // Follow and like times: after both sides existed, before now; drawn here, deterministically.
        var rng = new Random(unchecked((int)d.Now) ^ 0x5eed);

        return
        [
            new("users",
                ["Id", "Name", "PasswordHash", "AvatarKey", "BackgroundKey", "Signature",
                 "FollowCount", "FollowerCount", "TotalFavorited", "WorkCount", "FavoriteCount", "CreatedAt"],
                users,
                (i, r) =>
                {
                    r.Add(i + 1L);
                    r.Add(d.UserNames[i]);
                    r.Add(passwordHash);
                    r.Add(MediaKeys.DefaultAvatar);
                    r.Add(MediaKeys.DefaultBackground);
                    r.Add(d.UserSignatures[i]);
                    r.Add(d.FollowCount[i]);
                    r.Add(d.FollowerCount[i]);
                    r.Add(d.TotalFavorited[i]);
                    r.Add(d.WorkCount[i]);
                    r.Add(d.FavoriteCount[i]);
                    r.Add(d.UserCreatedAt[i]);
                }),
            new("videos",
                ["Id", "AuthorId", "Title", "PlayKey", "CoverKey", "FavoriteCount", "CommentCount", "CreatedAt"],
                videos,
                (i, r) =>
                {
                    r.Add(i + 1L);
                    r.Add(d.VideoAuthor[i] + 1L);
                    r.Add(d.VideoTitles[i]);
                    r.Add(playKey);
                    r.Add(coverKey);
                    r.Add(d.VideoFavoriteCount[i]);
                    r.Add(d.VideoCommentCount[i]);
                    r.Add(d.VideoCreatedAt[i]);
                }),
            new("follows", ["FollowerId", "FolloweeId", "CreatedAt"], d.Follows.Length,
                (i, r) =>
                {
                    var key = d.Follows[i];
                    var (a, b) = (key / users, key % users);
                    var since = Math.Max(d.UserCreatedAt[a], d.UserCreatedAt[b]);
                    r.Add(a + 1);
                    r.Add(b + 1);
                    r.Add(since + rng.NextInt64(Math.Max(1, d.Now - since)));
                }),
            new("likes", ["UserId", "VideoId", "CreatedAt"], d.Likes.Length,
                (i, r) =>
                {
                    var key = d.Likes[i];
                    var (u, v) = (key / videos, key % videos);
                    var since = d.VideoCreatedAt[v];
                    r.Add(u + 1);
                    r.Add(v + 1);
                    r.Add(since + rng.NextInt64(Math.Max(1, d.Now - since)));
                }),
            new("comments", ["Id", "VideoId", "UserId", "Content", "CreatedAt"], d.CommentVideo.Length,
                (i, r) =>
                {
                    r.Add(i + 1L);
                    r.Add(d.CommentVideo[i] + 1L);
                    r.Add(d.CommentUser[i] + 1L);
                    r.Add(d.CommentContent[i]);
                    r.Add(d.CommentCreatedAt[i]);
                }),
            new("messages", ["Id", "FromUserId", "ToUserId", "Content", "CreatedAt"], d.MessageFrom.Length,
                (i, r) =>
                {
                    r.Add(i + 1L);
                    r.Add(d.MessageFrom[i] + 1L);
                    r.Add(d.MessageTo[i] + 1L);
                    r.Add(d.MessageContent[i]);
                    r.Add(d.MessageCreatedAt[i]);
                }),
        ];
    }

    /// <summary>
    /// The denormalised counts and what they count, as (what, the rows where they disagree):
    /// each a query counting wrong rows. Identifiers are double-quoted, which both databases read.
    /// </summary>
    public static readonly (string What, string Sql)[] CounterChecks =
    [
        ("users.FollowCount", """SELECT COUNT(*) FROM users u WHERE u."FollowCount" <> (SELECT COUNT(*) FROM follows f WHERE f."FollowerId" = u."Id")"""),
        ("users.FollowerCount", """SELECT COUNT(*) FROM users u WHERE u."FollowerCount" <> (SELECT COUNT(*) FROM follows f WHERE f."FolloweeId" = u."Id")"""),
        ("users.WorkCount", """SELECT COUNT(*) FROM users u WHERE u."WorkCount" <> (SELECT COUNT(*) FROM videos v WHERE v."AuthorId" = u."Id")"""),
        ("users.FavoriteCount", """SELECT COUNT(*) FROM users u WHERE u."FavoriteCount" <> (SELECT COUNT(*) FROM likes l WHERE l."UserId" = u."Id")"""),
        ("users.TotalFavorited", """SELECT COUNT(*) FROM users u WHERE u."TotalFavorited" <> (SELECT COALESCE(SUM(v."FavoriteCount"), 0) FROM videos v WHERE v."AuthorId" = u."Id")"""),
        ("videos.FavoriteCount", """SELECT COUNT(*) FROM videos v WHERE v."FavoriteCount" <> (SELECT COUNT(*) FROM likes l WHERE l."VideoId" = v."Id")"""),
        ("videos.CommentCount", """SELECT COUNT(*) FROM videos v WHERE v."CommentCount" <> (SELECT COUNT(*) FROM comments c WHERE c."VideoId" = v."Id")"""),
        ("follows to oneself", """SELECT COUNT(*) FROM follows WHERE "FollowerId" = "FolloweeId" """),
    ];
}
