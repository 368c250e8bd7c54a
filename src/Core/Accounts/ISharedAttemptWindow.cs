namespace Tiktok.Core.Accounts;

/// <summary>
/// A sliding attempt window kept where every instance sees it (Redis), so that N instances allow
/// the budget once, not N times.
/// </summary>
public interface ISharedAttemptWindow
{
    /// <summary>
    /// Counts an attempt by <paramref name="client"/> at <paramref name="nowMs"/> unless it already
    /// made <paramref name="limit"/> in the <paramref name="windowMs"/> before: true when counted,
    /// false when refused (not counted), null when the shared store cannot be reached.
    /// </summary>
    ValueTask<bool?> TryEnterAsync(string client, int limit, long windowMs, long nowMs);
}
