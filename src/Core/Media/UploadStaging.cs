using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Media;

/// <summary>Streams an upload to disk under the size limit, never holding it in memory.</summary>
public sealed class UploadStaging(IOptions<TiktokOptions> options)
{
    private long _started;

    public long MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>How many uploads this instance began to stage since it started (refused ones included).</summary>
    public long Started => Interlocked.Read(ref _started);

    public async Task<StagedUpload> StageAsync(Stream source, CancellationToken ct)
    {
        Interlocked.Increment(ref _started);
        var dir = options.Value.UploadDir;
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.part");
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > MaxBytes) throw DomainErrors.UploadTooLarge(MaxBytes);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (total == 0) throw DomainErrors.UploadMissing();
            return new StagedUpload(path, total);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Removes staging files not written to since <paramref name="cutoff"/>: uploads a crashed process
    /// left behind. An upload being received is written to all the while, and a staged one is stored
    /// within seconds, so only a dead process's files get that old; files of other instances sharing
    /// the data directory are left alone. Returns how many were removed.
    /// </summary>
    public int SweepLeftovers(DateTime cutoff)
    {
        var dir = new DirectoryInfo(options.Value.UploadDir);
        if (!dir.Exists) return 0;
        var removed = 0;
        foreach (var file in dir.EnumerateFiles("*.part"))
        {
            try
            {
                file.Refresh();
                if (file.LastWriteTimeUtc >= cutoff) continue;
                file.Delete();
                removed++;
            }
            catch (IOException) { } // gone meanwhile (stored or swept by another instance)
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }
}
