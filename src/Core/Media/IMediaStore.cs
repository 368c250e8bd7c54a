namespace Tiktok.Core.Media;

/// <summary>Where media objects live (a local directory by default; S3 when scaled out).</summary>
public interface IMediaStore
{
    /// <summary>Moves or copies a finished local file in under <paramref name="key"/>.</summary>
    Task PutAsync(string key, string localFile, string contentType, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);
}
