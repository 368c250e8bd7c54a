using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiktok.Core.Data;
using Tiktok.Core.Media;

namespace Tiktok.Core.Videos.Processing;

/// <summary>
/// Temporary files that a crash (or a kill) leaves behind, and their removal. Media jobs work in
/// <c>DataDir/processing/job-{id}-{attempt}-{owner}</c>, one folder per claimed attempt: such a folder
/// is removed once no running job has that id, attempt and owner (the job finished, failed, or was
/// taken over), whatever its age; live jobs' folders are never touched, however long they run. Upload
/// staging files (<c>DataDir/uploads/*.part</c>) carry no owner, so they, like anything else in the
/// processing folder, are removed once untouched for <see cref="ProcessingOptions.LeftoverAge"/>.
/// Only these two folders of this data directory are swept; several instances sharing a data
/// directory may sweep at once.
/// </summary>
public sealed class Leftovers(TiktokDbContext db, UploadStaging staging, IOptions<TiktokOptions> tiktok,
    IOptions<ProcessingOptions> processing, TimeProvider clock, ILogger<Leftovers> logger)
{
    private const string JobPrefix = "job-";

    /// <summary>The work folder of one claimed attempt of a job.</summary>
    public static string WorkDirFor(TiktokOptions options, long jobId, int attempt, string owner) =>
        Path.Combine(options.ProcessingDir, string.Create(CultureInfo.InvariantCulture, $"{JobPrefix}{jobId}-{attempt}-{owner}"));

    /// <summary>Removes what no live work owns; returns how many entries were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - processing.Value.LeftoverAge;
        var uploads = staging.SweepLeftovers(cutoff);
        var removed = uploads;
        if (uploads > 0) logger.LogInformation("Removed {Count} upload staging files older than {Age}, left by a crashed process", uploads, processing.Value.LeftoverAge);

        var dir = new DirectoryInfo(tiktok.Value.ProcessingDir);
        if (!dir.Exists) return removed;
        var entries = dir.EnumerateFileSystemInfos().ToList();
        var attempts = new List<(FileSystemInfo Entry, long JobId, int Attempt, string Owner)>();
        var others = new List<FileSystemInfo>();
        foreach (var entry in entries)
        {
            if (entry is DirectoryInfo && TryParse(entry.Name, out var jobId, out var attempt, out var owner))
                attempts.Add((entry, jobId, attempt, owner));
            else
                others.Add(entry);
        }

        if (attempts.Count > 0)
        {
            // Listed before this query: a folder is made only after its claim committed, so a live
            // attempt's folder always finds its running row here.
            var ids = attempts.Select(a => a.JobId).Distinct().ToList();
            var live = (await db.MediaJobs.AsNoTracking()
                    .Where(j => ids.Contains(j.Id) && j.State == MediaJobStates.Running)
                    .Select(j => new { j.Id, j.Attempts, j.LeaseOwner })
                    .ToListAsync(ct))
                .Select(j => (j.Id, j.Attempts, j.LeaseOwner))
                .ToHashSet();
            foreach (var (entry, jobId, attempt, owner) in attempts)
            {
                if (live.Contains((jobId, attempt, owner))) continue;
                if (Delete(entry))
                {
                    removed++;
                    logger.LogInformation("Removed the work folder of media job {JobId} attempt {Attempt} by {Owner}, which no running job owns", jobId, attempt, owner);
                }
            }
        }
        foreach (var entry in others)
        {
            if (entry.LastWriteTimeUtc >= cutoff) continue;
            if (Delete(entry))
            {
                removed++;
                logger.LogInformation("Removed {Entry} from the processing folder: untouched for over {Age}", entry.Name, processing.Value.LeftoverAge);
            }
        }
        return removed;
    }

    private static bool TryParse(string name, out long jobId, out int attempt, out string owner)
    {
        (jobId, attempt, owner) = (0, 0, "");
        if (!name.StartsWith(JobPrefix, StringComparison.Ordinal)) return false;
        var parts = name[JobPrefix.Length..].Split('-', 3);
        return parts.Length == 3 && parts[2].Length > 0 &&
            long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out jobId) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out attempt) &&
            (owner = parts[2]).Length > 0;
    }

    private static bool Delete(FileSystemInfo entry)
    {
        try
        {
            if (entry is DirectoryInfo d) d.Delete(recursive: true);
            else entry.Delete();
            return true;
        }
        catch (IOException) { return false; } // removed meanwhile by its owner or another instance
        catch (UnauthorizedAccessException) { return false; }
    }
}
