using Tiktok.Core.Media;

namespace Tiktok.Edge.Bodies;

/// <summary>A multipart body as read: its text parts, its staged files (deleted on dispose unless published) and the token's user.</summary>
public sealed class MultipartBody : IAsyncDisposable
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public List<(string Name, StagedUpload Upload)> Files { get; } = [];

    /// <summary>The user of the token checked while reading, when there was one.</summary>
    public long? Uploader { get; internal set; }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, upload) in Files) await upload.DisposeAsync();
        Files.Clear();
    }
}
