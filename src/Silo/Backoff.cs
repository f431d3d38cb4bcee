using Polly;
using Polly.Retry;

namespace PrintFarm.Silo;

/// <summary>
/// How the silo waits between tries of something that has to work in the end: the broker, a
/// printer, the printer registry, the database. Exponential backoff with jitter from
/// <see cref="First"/> up to <see cref="Max"/>, every wait on <see cref="Clock"/>. Each run of
/// the pipeline counts from the first delay again, so a loop that runs it once per connection
/// starts over after every success.
/// </summary>
/// <remarks>
/// <para>
/// Polly's retry rather than a class of our own: a loop that connects until stopped is one run of
/// the pipeline per connection, and Polly brings the parts every loop needs and each had written
/// for itself: the delays, the jitter, the waits on a <see cref="TimeProvider"/> and the stop.
/// Its jitter for exponential backoff is decorrelated: the median wait doubles from the first
/// delay, and wait n (from 0) falls anywhere between zero and <c>First * 2^(n+1)</c>, never
/// above <see cref="Max"/>, so clients that failed together come back spread out rather than in
/// step. Once the median passes the cap nearly every wait is the cap itself.
/// </para>
/// <para>
/// The printer simulator is a process of its own that references only PrintFarm.Protocol, and
/// the protocol stays free of dependencies, so the simulator builds the same pipeline itself
/// (PrintFarm.PrinterSimulator.Backoff). A unit test holds the two to the same delays.
/// </para>
/// </remarks>
internal sealed record Backoff(TimeSpan First, TimeSpan Max, TimeProvider Clock)
{
    /// <summary>Where the jitter draws its numbers in [0, 1); tests make it predictable.</summary>
    public Func<double>? Randomizer { get; init; }

    /// <summary>
    /// A pipeline that runs its callback until it succeeds or the run's token is cancelled (a
    /// stop ends a wait at once and the run throws <see cref="OperationCanceledException"/>).
    /// </summary>
    /// <param name="onRetry">Hears each failure with the wait before the next try (log it, report it).</param>
    /// <param name="retryOn">Which failures are worth another try; all of them when null. A failure it refuses ends the run with that failure.</param>
    public ResiliencePipeline Pipeline(Func<OnRetryArguments<object>, ValueTask>? onRetry = null, Func<Exception, bool>? retryOn = null)
    {
        var retry = new RetryStrategyOptions
        {
            // Until it works: the caller's token is the only way out.
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = First,
            MaxDelay = Max,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } failure
                && !(failure is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)
                && (retryOn?.Invoke(failure) ?? true)),
            OnRetry = onRetry,
        };
        if (Randomizer is not null) retry.Randomizer = Randomizer;
        return new ResiliencePipelineBuilder { TimeProvider = Clock }.AddRetry(retry).Build();
    }
}
