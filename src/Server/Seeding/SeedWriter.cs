using Microsoft.Data.Sqlite;
using Tiktok.Core.Data;

namespace Tiktok.Server.Seeding;

/// <summary>
/// Writes <see cref="SeedData"/> with raw ADO.NET: one prepared, parameterised INSERT per table,
/// rows committed in large transactions, synchronous=OFF and foreign-key checks off on this
/// connection only (the server's own connections keep synchronous=FULL). Foreign keys are verified
/// once at the end instead.
/// </summary>
public sealed class SeedWriter(SqliteConnection connection) : IDisposable
{
    /// <summary>Where the stages report; nothing until set.</summary>
    public ISeedProgress Progress { get; set; } = SeedProgress.None;

    private const int RowsPerTransaction = 100_000;
    private const int ProgressEvery = 2_000;

    public static readonly string[] Tables = ["messages", "follows", "comments", "likes", "videos", "users"];

    public static SeedWriter Open(string connectionString)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        Exec(connection, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
        return new SeedWriter(connection);
    }

    /// <summary>Rows per table, for the emptiness check and the summary.</summary>
    public Dictionary<string, long> CountRows() =>
        Tables.ToDictionary(t => t, t => (long)Scalar($"SELECT COUNT(*) FROM \"{t}\";"));

    /// <summary>Deletes every row (children first) and resets the id sequences.</summary>
    public void Clear()
    {
        using var step = Progress.Start("clear old data", Tables.Length);
        using var tx = connection.BeginTransaction();
        foreach (var table in Tables)
        {
            Exec(connection, $"DELETE FROM \"{table}\";", tx);
            step.Advance(1);
        }
        Exec(connection, "DELETE FROM sqlite_sequence;", tx);
        tx.Commit();
    }

    public void Write(SeedData d, string passwordHash, string playKey, string coverKey)
    {
        var users = d.UserCount;
        var videos = d.VideoCount;

        Insert("insert users", users,
            """
            INSERT INTO users (Id, Name, PasswordHash, AvatarKey, BackgroundKey, Signature,
                FollowCount, FollowerCount, TotalFavorited, WorkCount, FavoriteCount, CreatedAt)
            VALUES ($id, $name, $hash, $avatar, $background, $signature, $follows, $followers, $favorited, $works, $favorites, $created);
            """,
            ["$id", "$name", "$hash", "$avatar", "$background", "$signature", "$follows", "$followers", "$favorited", "$works", "$favorites", "$created"],
            (i, p) =>
            {
                p[0].Value = i + 1;
                p[1].Value = d.UserNames[i];
                p[2].Value = passwordHash;
                p[3].Value = MediaKeys.DefaultAvatar;
                p[4].Value = MediaKeys.DefaultBackground;
                p[5].Value = d.UserSignatures[i];
                p[6].Value = d.FollowCount[i];
                p[7].Value = d.FollowerCount[i];
                p[8].Value = d.TotalFavorited[i];
                p[9].Value = d.WorkCount[i];
                p[10].Value = d.FavoriteCount[i];
                p[11].Value = d.UserCreatedAt[i];
            });

        Insert("insert videos", videos,
            """
            INSERT INTO videos (Id, AuthorId, Title, PlayKey, CoverKey, FavoriteCount, CommentCount, CreatedAt)
            VALUES ($id, $author, $title, $play, $cover, $favorites, $comments, $created);
            """,
            ["$id", "$author", "$title", "$play", "$cover", "$favorites", "$comments", "$created"],
            (i, p) =>
            {
                p[0].Value = i + 1;
                p[1].Value = d.VideoAuthor[i] + 1L;
                p[2].Value = d.VideoTitles[i];
                p[3].Value = playKey;
                p[4].Value = coverKey;
                p[5].Value = d.VideoFavoriteCount[i];
                p[6].Value = d.VideoCommentCount[i];
                p[7].Value = d.VideoCreatedAt[i];
            });

        // Follow and like times: after both sides existed, before now; drawn here, deterministically.
        var rng = new Random(unchecked((int)d.Now) ^ 0x5eed);
        Insert("insert follows", d.Follows.Length,
            "INSERT INTO follows (FollowerId, FolloweeId, CreatedAt) VALUES ($follower, $followee, $created);",
            ["$follower", "$followee", "$created"],
            (i, p) =>
            {
                var key = d.Follows[i];
                var (a, b) = (key / users, key % users);
                var since = Math.Max(d.UserCreatedAt[a], d.UserCreatedAt[b]);
                p[0].Value = a + 1;
                p[1].Value = b + 1;
                p[2].Value = since + rng.NextInt64(Math.Max(1, d.Now - since));
            });

        Insert("insert likes", d.Likes.Length,
            "INSERT INTO likes (UserId, VideoId, CreatedAt) VALUES ($user, $video, $created);",
            ["$user", "$video", "$created"],
            (i, p) =>
            {
                var key = d.Likes[i];
                var (u, v) = (key / videos, key % videos);
                var since = d.VideoCreatedAt[v];
                p[0].Value = u + 1;
                p[1].Value = v + 1;
                p[2].Value = since + rng.NextInt64(Math.Max(1, d.Now - since));
            });

        Insert("insert comments", d.CommentVideo.Length,
            "INSERT INTO comments (Id, VideoId, UserId, Content, CreatedAt) VALUES ($id, $video, $user, $content, $created);",
            ["$id", "$video", "$user", "$content", "$created"],
            (i, p) =>
            {
                p[0].Value = i + 1;
                p[1].Value = d.CommentVideo[i] + 1L;
                p[2].Value = d.CommentUser[i] + 1L;
                p[3].Value = d.CommentContent[i];
                p[4].Value = d.CommentCreatedAt[i];
            });

        Insert("insert messages", d.MessageFrom.Length,
            "INSERT INTO messages (Id, FromUserId, ToUserId, Content, CreatedAt) VALUES ($id, $from, $to, $content, $created);",
            ["$id", "$from", "$to", "$content", "$created"],
            (i, p) =>
            {
                p[0].Value = i + 1;
                p[1].Value = d.MessageFrom[i] + 1L;
                p[2].Value = d.MessageTo[i] + 1L;
                p[3].Value = d.MessageContent[i];
                p[4].Value = d.MessageCreatedAt[i];
            });
    }

    /// <summary>
    /// Checks what the server relies on: no dangling reference, and every denormalised count equal
    /// to a count of rows. Returns the problems found (none, normally).
    /// </summary>
    public List<string> Verify()
    {
        var problems = new List<string>();
        using var step = Progress.Start("verify", 2);
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            using var reader = check.ExecuteReader();
            var dangling = 0;
            while (reader.Read()) dangling++;
            if (dangling > 0) problems.Add($"{dangling} rows point at missing rows (PRAGMA foreign_key_check)");
        }
        step.Advance(1);

        var checks = new (string What, string Sql)[]
        {
            ("users.FollowCount", "SELECT COUNT(*) FROM users u WHERE FollowCount <> (SELECT COUNT(*) FROM follows f WHERE f.FollowerId = u.Id)"),
            ("users.FollowerCount", "SELECT COUNT(*) FROM users u WHERE FollowerCount <> (SELECT COUNT(*) FROM follows f WHERE f.FolloweeId = u.Id)"),
            ("users.WorkCount", "SELECT COUNT(*) FROM users u WHERE WorkCount <> (SELECT COUNT(*) FROM videos v WHERE v.AuthorId = u.Id)"),
            ("users.FavoriteCount", "SELECT COUNT(*) FROM users u WHERE FavoriteCount <> (SELECT COUNT(*) FROM likes l WHERE l.UserId = u.Id)"),
            ("users.TotalFavorited", "SELECT COUNT(*) FROM users u WHERE TotalFavorited <> (SELECT COALESCE(SUM(v.FavoriteCount), 0) FROM videos v WHERE v.AuthorId = u.Id)"),
            ("videos.FavoriteCount", "SELECT COUNT(*) FROM videos v WHERE FavoriteCount <> (SELECT COUNT(*) FROM likes l WHERE l.VideoId = v.Id)"),
            ("videos.CommentCount", "SELECT COUNT(*) FROM videos v WHERE CommentCount <> (SELECT COUNT(*) FROM comments c WHERE c.VideoId = v.Id)"),
            ("follows to oneself", "SELECT COUNT(*) FROM follows WHERE FollowerId = FolloweeId"),
        };
        foreach (var (what, sql) in checks)
        {
            var wrong = (long)Scalar(sql + ";");
            if (wrong > 0) problems.Add($"{what} disagrees with the rows on {wrong} rows");
        }
        step.Advance(1);
        return problems;
    }

    /// <summary>Moves the write-ahead log into the database file so the server starts from a clean file.</summary>
    public void Checkpoint()
    {
        using var step = Progress.Start("checkpoint", 1);
        Exec(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        step.Advance(1);
    }

    private void Insert(string stage, long rows, string sql, string[] names, Action<int, SqliteParameter[]> bind)
    {
        using var step = Progress.Start(stage, rows);
        if (rows == 0) return;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameters = names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var tx = connection.BeginTransaction();
        try
        {
            command.Transaction = tx;
            command.Prepare();
            var sinceReport = 0;
            for (var i = 0; i < rows; i++)
            {
                bind(i, parameters);
                command.ExecuteNonQuery();
                if (++sinceReport == ProgressEvery)
                {
                    step.Advance(sinceReport);
                    sinceReport = 0;
                }
                if ((i + 1) % RowsPerTransaction == 0 && i + 1 < rows)
                {
                    tx.Commit();
                    tx.Dispose();
                    tx = connection.BeginTransaction();
                    command.Transaction = tx;
                }
            }
            tx.Commit();
            step.Advance(sinceReport);
        }
        finally
        {
            tx.Dispose();
        }
    }

    private object Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    private static void Exec(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
