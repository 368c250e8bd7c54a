namespace Tiktok.Core.Media;

/// <summary>A stored object readable at <see cref="Path"/>; a temporary copy is deleted on dispose.</summary>
public sealed class LocalMediaFile(string path, bool temporary) : IAsyncDisposable
{
    public string Path { get; } = path;

    public ValueTask DisposeAsync()
    {
        if (temporary)
        {
            try { File.Delete(Path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }
}
