namespace Tiktok.Core.Errors;

/// <summary>A database provider's own transient errors (its "busy", "locked" codes), registered by the host's adapter.</summary>
public interface ITransientFailureCheck
{
    bool IsTransient(Exception exception);
}
