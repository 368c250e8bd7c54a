namespace Tiktok.Core.Caching;

/// <summary>
/// A version of everything a reader without a token can see: moved by every committed action that
/// touched a row of public data (every entity type but messages and media-job bookkeeping, see
/// <see cref="Data.Effects.CommitEffects.ChangesPublicData"/>), after the commit and before the
/// writer's answer. Whatever is kept under one version (the GraphQL answer cache) is served only while
/// that version is still current, so no reader sees a write undone once it was acknowledged.
/// With several instances the version is an <see cref="ISharedDataVersion"/> (Redis): a commit on one
/// instance moves it for all, and every cached read checks it.
/// </summary>
public sealed class DataVersion(ISharedDataVersion? shared = null)
{
    /// <summary>The version when the shared one cannot be read: never stored under, never served.</summary>
    public const long Unknown = long.MinValue;

    private long _version;

    /// <summary>Whether the version is shared by several instances (then what is kept under it also has a maximum age).</summary>
    public bool Shared => shared is not null;

    public async ValueTask<long> CurrentAsync() =>
        shared is null ? Interlocked.Read(ref _version) : await shared.ReadAsync() ?? Unknown;

    /// <summary>After a commit that changed public data: everything kept under an older version is stale.</summary>
    public async ValueTask BumpAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _version);
        if (shared is not null) await shared.BumpAsync(cancellationToken);
    }
}
