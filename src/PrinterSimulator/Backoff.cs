using Polly;
using Polly.Retry;

namespace PrintFarm.PrinterSimulator;

/// <summary>
/// How every simulated connection waits between tries of the broker: exponential backoff with
/// jitter from <see cref="First"/> up to <see cref="Max"/>, every wait on <see cref="Clock"/>,
/// each run of the pipeline counting from the first delay again. The jitter is there so a
/// thousand printers that lost the broker together do not all knock on its door in the same
/// instant when it comes back.
/// </summary>
/// <remarks>
/// The silo's pipeline (PrintFarm.Silo.Backoff), built here as well because the simulator is a
/// process of its own that references only PrintFarm.Protocol, and the protocol stays free of
/// dependencies. Both take Polly rather than a class of ours: its retry brings the delays, the
/// decorrelated jitter (wait n, from 0, falls between zero and <c>First * 2^(n+1)</c>, never above
/// <see cref="Max"/>) and the waits on a <see cref="TimeProvider"/>. A unit test holds the two to
/// the same delays.
/// </remarks>
internal sealed record Backoff(TimeSpan First, TimeSpan Max, TimeProvider Clock)
{
    /// <summary>Where the jitter draws its numbers in [0, 1); tests make it predictable.</summary>
    public Func<double>? Randomizer { get; init; }

    /// <summary>
    /// A pipeline that runs its callback until it succeeds or the run's token is cancelled (a
    /// stop ends a wait at once and the run throws <see cref="OperationCanceledException"/>).
    /// </summary>
    /// <param name="onRetry">Hears each failure with the wait before the next try.</param>
    public ResiliencePipeline Pipeline(Func<OnRetryArguments<object>, ValueTask>? onRetry = null)
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
                && !(failure is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
            OnRetry = onRetry,
        };
        if (Randomizer is not null) retry.Randomizer = Randomizer;
        return new ResiliencePipelineBuilder { TimeProvider = Clock }.AddRetry(retry).Build();
    }
}
