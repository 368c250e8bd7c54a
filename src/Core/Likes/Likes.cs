using System.Data.Common;
using Tiktok.Core.Data;
using Tiktok.Core.Events;

namespace Tiktok.Core.Likes;

/// <summary>
/// Liking and unliking videos: idempotent, one transaction each, counts moved with the row. A like
/// that changes something is three statements (the row, the video's count returning its counts, the
/// two users' counts); one that changes nothing, or names a missing video or user, reads why.
/// </summary>
public sealed class Likes(Writes writes)
{
    // The row goes in only if both ends exist (a refusal, not a foreign-key error) and it is not there yet.
    private const string Insert =
        """
        INSERT INTO "likes" ("UserId", "VideoId", "CreatedAt")
        SELECT @p0, @p1, @p2
        WHERE EXISTS (SELECT 1 FROM "users" WHERE "Id" = @p0) AND EXISTS (SELECT 1 FROM "videos" WHERE "Id" = @p1)
        ON CONFLICT DO NOTHING
        RETURNING "CreatedAt"
        """;

    private const string Delete =
        """
        DELETE FROM "likes" WHERE "UserId" = @p0 AND "VideoId" = @p1 RETURNING "CreatedAt"
        """;

    private const string ShiftVideo =
        """
        UPDATE "videos" SET "FavoriteCount" = "FavoriteCount" + @p1 WHERE "Id" = @p0
        RETURNING "AuthorId", "FavoriteCount", "CommentCount"
        """;

    // The liker's count and the author's received count, in one statement (one row when they like their own video).
    private const string ShiftUsers =
        """
        UPDATE "users" SET
            "FavoriteCount" = "FavoriteCount" + CASE WHEN "Id" = @p0 THEN @p2 ELSE 0 END,
            "TotalFavorited" = "TotalFavorited" + CASE WHEN "Id" = @p1 THEN @p2 ELSE 0 END
        WHERE "Id" IN (@p0, @p1)
        """;

    /// <summary>Likes the video; a repeated like changes nothing. Returns the video's committed counts.</summary>
    public Task<VideoCountsChanged> AddAsync(long userId, long videoId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (await ScalarAsync(w.Commands.For(Insert, userId, videoId, w.Now), ct) is { } createdAt)
            {
                w.Inserted(new Like { UserId = userId, VideoId = videoId, CreatedAt = createdAt });
                return await ShiftCountsAsync(w, userId, videoId, +1, ct);
            }
            // Nothing inserted: a missing video or user (refused, in that order), or already liked.
            await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            return await w.VideoCountsAsync(videoId, ct);
        }, ct);

    /// <summary>Removes the like; removing a like that is not there changes nothing.</summary>
    public Task<VideoCountsChanged> RemoveAsync(long userId, long videoId, CancellationToken ct) =>
        writes.RunAsync(async w =>
        {
            if (await ScalarAsync(w.Commands.For(Delete, userId, videoId), ct) is { } createdAt)
            {
                w.Deleted(new Like { UserId = userId, VideoId = videoId, CreatedAt = createdAt });
                return await ShiftCountsAsync(w, userId, videoId, -1, ct);
            }
            // Nothing deleted (a like row implies its video and user): say which is missing, if one is.
            await w.Db.RequireVideoAsync(videoId, ct);
            await w.Db.RequireUserAsync(userId, ct);
            return await w.VideoCountsAsync(videoId, ct);
        }, ct);

    /// <summary>Moves the video's, the author's and the liker's counts; the video's counts as the action leaves them.</summary>
    private static async Task<VideoCountsChanged> ShiftCountsAsync(WriteContext w, long userId, long videoId, long by, CancellationToken ct)
    {
        long authorId;
        VideoCountsChanged counts;
        await using (var reader = await w.Commands.For(ShiftVideo, videoId, by).ExecuteReaderAsync(ct))
        {
            // The like row's foreign key holds the video in place: the update finds it.
            if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"video {videoId} vanished under its like");
            authorId = reader.GetInt64(0);
            counts = new VideoCountsChanged(videoId, reader.GetInt64(1), reader.GetInt64(2));
        }
        await w.Commands.For(ShiftUsers, userId, authorId, by).ExecuteNonQueryAsync(ct);

        w.Shifted<Video>(videoId, nameof(Video.LikeCount));
        w.Shifted<User>(authorId, nameof(User.LikesReceived));
        w.Shifted<User>(userId, nameof(User.LikeCount));
        w.CountsRead(counts);
        return counts;
    }

    private static async Task<long?> ScalarAsync(DbCommand command, CancellationToken ct) =>
        await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
