using Microsoft.Extensions.Options;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Media;

/// <summary>An upload written to a private temporary file; deleted on dispose unless published.</summary>
public sealed class StagedUpload(string path, long length) : IAsyncDisposable
{
    public string Path { get; } = path;
    public long Length { get; } = length;

    public ValueTask DisposeAsync()
    {
        try { File.Delete(Path); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Streams an upload to disk under the size limit, never holding it in memory.</summary>
public sealed class UploadStaging(IOptions<TiktokOptions> options)
{
    public long MaxBytes => options.Value.MaxUploadBytes;

    public async Task<StagedUpload> StageAsync(Stream source, CancellationToken ct)
    {
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
    /// A text part of a multipart upload request (a form field, GraphQL's operations or map), read
    /// whole but never past <paramref name="maxBytes"/>: TOO_LONG names <paramref name="parameter"/>.
    /// </summary>
    public static async Task<string> ReadTextPartAsync(Stream part, string parameter, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await part.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw DomainErrors.TooLong(parameter, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
