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
