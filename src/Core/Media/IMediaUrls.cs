namespace Tiktok.Core.Media;

/// <summary>Turns storage keys into absolute URLs a client can fetch.</summary>
public interface IMediaUrls
{
    /// <param name="requestBase">scheme://host[/pathbase] of the current request, used when no public base is configured.</param>
    string For(string key, string requestBase);
}
