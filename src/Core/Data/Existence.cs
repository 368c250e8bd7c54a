using Microsoft.EntityFrameworkCore;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Data;

/// <summary>"Does it exist?" checks shared by every service, each refusing with the catalogue's error.</summary>
public static class Existence
{
    /// <summary>The video's author; VIDEO_NOT_FOUND when there is no such video.</summary>
    public static async Task<long> RequireVideoAsync(this TiktokDbContext db, long videoId, CancellationToken ct)
    {
        var author = await db.Videos.AsNoTracking().Where(v => v.Id == videoId).Select(v => (long?)v.AuthorId)
            .FirstOrDefaultAsync(ct);
        return author ?? throw DomainErrors.VideoNotFound(videoId);
    }

    /// <summary>USER_NOT_FOUND when there is no such user (a well-signed token can outlive its user).</summary>
    public static async Task RequireUserAsync(this TiktokDbContext db, long userId, CancellationToken ct)
    {
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, ct)) throw DomainErrors.UserNotFound(userId);
    }

    /// <summary>Both users in one query; USER_NOT_FOUND names the first one missing.</summary>
    public static async Task RequireUsersAsync(this TiktokDbContext db, long first, long second, CancellationToken ct)
    {
        var found = await db.Users.AsNoTracking().Where(u => u.Id == first || u.Id == second).Select(u => u.Id).ToListAsync(ct);
        if (!found.Contains(first)) throw DomainErrors.UserNotFound(first);
        if (!found.Contains(second)) throw DomainErrors.UserNotFound(second);
    }
}
