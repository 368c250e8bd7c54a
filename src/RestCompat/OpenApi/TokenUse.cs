namespace Tiktok.RestCompat.OpenApi;

/// <summary>Whether an endpoint needs the caller's token (docs/rest-compat.md, docs/errors.md).</summary>
public enum TokenUse
{
    /// <summary>Sign-up and log-in: no token is read.</summary>
    None,
    /// <summary>Reads: anonymous without one, refused with a bad one.</summary>
    Optional,
    /// <summary>Actions: refused without one.</summary>
    Required,
}
