namespace Tiktok.Edge.Authentication;

/// <summary>The request's caller, once established: every later question is answered from here.</summary>
internal sealed class CallerFeature(Caller caller)
{
    public Caller Caller { get; } = caller;
}
