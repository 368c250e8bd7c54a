using Microsoft.Extensions.Options;
using Tiktok.Core;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

/// <summary>Media in a local directory (the embedded default). Keys map to paths below <c>DataDir/media</c>.</summary>
public sealed class LocalMediaStore(IOptions<TiktokOptions> options) : IMediaStore, IMediaSource
{
    public string Root { get; } = Path.GetFullPath(options.Value.MediaDir);

    public Task PutAsync(string key, string localFile, string contentType, CancellationToken ct)
    {
        var target = PathOf(key) ?? throw new ArgumentException($"bad media key '{key}'", nameof(key));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Staging lives in the same data directory, so this is a rename: the object appears whole or not at all.
        // Keys are fresh or fixed per video (a cover cut again after a lease expired replaces the same object).
        File.Move(localFile, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        // Gone already (a repeated removal), or its folder never made: nothing to remove.
        try { if (PathOf(key) is { } path) File.Delete(path); }
        catch (DirectoryNotFoundException) { }
        return Task.CompletedTask;
    }

    /// <summary>The stored file itself: nothing to copy or delete.</summary>
    public Task<LocalMediaFile> FetchAsync(string key, string workDir, CancellationToken ct)
    {
        var path = PathOf(key) ?? throw new ArgumentException($"bad media key '{key}'", nameof(key));
        if (!File.Exists(path)) throw new FileNotFoundException($"media object '{key}' is missing", path);
        return Task.FromResult(new LocalMediaFile(path, temporary: false));
    }

    /// <summary>The file for a key, or null for a key that could escape the root.</summary>
    public string? PathOf(string key)
    {
        if (!MediaKeyRules.IsValid(key)) return null;
        var full = Path.GetFullPath(Path.Combine(Root, key));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
