namespace Tiktok.Core.Videos.Processing;

/// <summary>The <c>Tiktok:Processing</c> configuration section: background media work (docs/architecture.md).</summary>
public sealed class ProcessingOptions
{
    public const string Section = "Tiktok:Processing";

    /// <summary>How long publish waits for its own cover before answering; zero leaves it all to the worker.</summary>
    public TimeSpan InlineBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a claim is held without renewal; a job whose lease expired is taken over by any instance's
    /// worker. The owner renews it every third of this while the job runs (<see cref="RenewInterval"/>).
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running job's owner renews its lease: a third of <see cref="LeaseDuration"/>, so two renewals may be late.</summary>
    public TimeSpan RenewInterval => LeaseDuration / 3;

    /// <summary>How often each instance's worker looks for pending or abandoned jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts (claims) before a job ends as failed; the video then keeps the placeholder cover.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before a failed attempt is retried, multiplied by the attempts so far.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often leftovers of crashed jobs and uploads are looked for (also once at start-up).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Age (since last written) past which an upload's staging file, or an unrecognised entry in the
    /// processing folder, counts as a crash's leftover. Job work folders go as soon as no running job owns them.
    /// </summary>
    public TimeSpan LeftoverAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether this instance runs the background worker (every instance should; tests turn it off).</summary>
    public bool Worker { get; set; } = true;
}
