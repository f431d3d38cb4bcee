using Polly;
using Polly.Retry;
using SiloBackoff = PrintFarm.Silo.Backoff;
using SimulatorBackoff = PrintFarm.PrinterSimulator.Backoff;

namespace PrintFarm.Tests.Resilience;

/// <summary>
/// The one backoff every retry loop uses, driven on a fake clock: the waits grow from the first
/// delay to the longest, stay within the jitter's bounds, start again after a success, and are
/// the same in the silo and the simulator.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_waits_grow_from_the_first_delay_up_to_the_longest_and_stay_there()
    {
        var clock = new WatchedClock();
        var start = clock.GetUtcNow();
        var backoff = new SiloBackoff(First, Longest, clock) { Randomizer = () => 0.5 };

        var waits = await FailingRun(onRetry => backoff.Pipeline(onRetry), clock, count: 10);

        Assert.InRange(waits[0], First * 0.5, First * 1.5);
        var growing = waits.TakeWhile(w => w < Longest).ToList();
        Assert.True(growing.Count >= 4, $"only {growing.Count} waits under the longest: {string.Join(", ", waits)}");
        Assert.All(growing.Zip(growing.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.All(waits.Skip(growing.Count), w => Assert.Equal(Longest, w));
        // Every wait was on the fake clock, none on the real one.
        Assert.Equal(start + waits.Aggregate(TimeSpan.Zero, (a, b) => a + b), clock.GetUtcNow());
    }

    [Theory]
    [InlineData(1e-6)] // the lowest draw that still waits a whole millisecond
    [InlineData(0.25)]
    [InlineData(0.999999)]
    [InlineData(-1)] // seeded random draws
    public async Task Each_wait_stays_between_zero_and_its_bound_whatever_the_jitter_draws(double draw)
    {
        var clock = new WatchedClock();
        var random = new Random(20260105);
        var backoff = new SiloBackoff(First, Longest, clock) { Randomizer = draw < 0 ? random.NextDouble : () => draw };

        var waits = await FailingRun(onRetry => backoff.Pipeline(onRetry), clock, count: 12);

        for (var n = 0; n < waits.Count; n++)
        {
            // Polly's bound for decorrelated jitter: wait n lies between 0 and First * 2^(n+1).
            var bound = TimeSpan.FromTicks((long)Math.Min(First.Ticks * Math.Pow(2, n + 1), Longest.Ticks));
            Assert.InRange(waits[n], TimeSpan.Zero, bound);
        }
    }

    [Fact]
    public async Task Clients_that_failed_together_wait_different_times()
    {
        var clock = new WatchedClock();
        var random = new Random(7);
        var backoff = new SiloBackoff(First, Longest, clock) { Randomizer = random.NextDouble };
        var firstWaits = new List<TimeSpan>();
        using var stop = new CancellationTokenSource();
        var runs = new List<Task>();
        for (var client = 0; client < 200; client++)
        {
            var pipeline = backoff.Pipeline(onRetry: args =>
            {
                firstWaits.Add(args.RetryDelay);
                return ValueTask.CompletedTask;
            });
            runs.Add(pipeline.ExecuteAsync(_ => throw new IOException("broker down"), stop.Token).AsTask());
        }
        await stop.CancelAsync();
        foreach (var run in runs) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(200, firstWaits.Count);
        Assert.True(firstWaits.Distinct().Count() > 190, "the first waits should nearly all differ");
        Assert.True(firstWaits.Min() < First * 0.5 && firstWaits.Max() > First, $"spread {firstWaits.Min()} .. {firstWaits.Max()}");
        Assert.All(firstWaits, w => Assert.InRange(w, TimeSpan.Zero, First * 2));
    }

    [Fact]
    public async Task A_success_starts_the_count_again_from_the_first_delay()
    {
        var clock = new WatchedClock();
        var backoff = new SiloBackoff(First, Longest, clock) { Randomizer = () => 0.5 };
        var waits = new List<TimeSpan>();
        var pipeline = backoff.Pipeline(onRetry: args =>
        {
            waits.Add(args.RetryDelay);
            return ValueTask.CompletedTask;
        });

        await RunFailing(pipeline, clock, failures: 5);
        var firstRun = waits.ToList();
        waits.Clear();
        await RunFailing(pipeline, clock, failures: 2);

        Assert.Equal(5, firstRun.Count);
        Assert.Equal(firstRun.Take(2), waits);
        Assert.True(firstRun[4] > firstRun[0] * 4);
    }

    [Fact]
    public async Task A_stop_ends_a_wait_at_once_without_another_try()
    {
        var clock = new WatchedClock();
        var tries = 0;
        var pipeline = new SiloBackoff(First, Longest, clock).Pipeline();
        using var stop = new CancellationTokenSource();

        var run = pipeline.ExecuteAsync(_ =>
        {
            tries++;
            throw new IOException("broker down");
        }, stop.Token).AsTask();
        await clock.NextWait();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task A_failure_the_caller_does_not_retry_ends_the_run_with_that_failure()
    {
        var clock = new WatchedClock();
        var tries = 0;
        var pipeline = new SiloBackoff(First, Longest, clock).Pipeline(retryOn: e => e is IOException);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            tries++;
            throw new InvalidOperationException("misconfigured");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("misconfigured", failure.Message);
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task The_simulator_waits_exactly_as_the_silo_does()
    {
        var siloClock = new WatchedClock();
        var simulatorClock = new WatchedClock();
        var first = TimeSpan.FromMilliseconds(500);
        var longest = TimeSpan.FromSeconds(10);
        var silo = new SiloBackoff(first, longest, siloClock) { Randomizer = new Random(42).NextDouble };
        var simulator = new SimulatorBackoff(first, longest, simulatorClock) { Randomizer = new Random(42).NextDouble };

        var siloWaits = await FailingRun(onRetry => silo.Pipeline(onRetry), siloClock, count: 10);
        var simulatorWaits = await FailingRun(onRetry => simulator.Pipeline(onRetry), simulatorClock, count: 10);

        Assert.Equal(siloWaits, simulatorWaits);
    }

    /// <summary>
    /// Runs a pipeline whose callback always fails, moving the clock by each wait as it is armed,
    /// until <paramref name="count"/> waits have passed; checks each wait reported is the one on
    /// the clock, and returns the waits as the clock saw them.
    /// </summary>
    private static async Task<List<TimeSpan>> FailingRun(
        Func<Func<OnRetryArguments<object>, ValueTask>, ResiliencePipeline> build, WatchedClock clock, int count)
    {
        var reported = new List<TimeSpan>();
        var pipeline = build(args =>
        {
            reported.Add(args.RetryDelay);
            return ValueTask.CompletedTask;
        });
        using var stop = new CancellationTokenSource();
        var run = pipeline.ExecuteAsync(_ => throw new IOException("broker down"), stop.Token).AsTask();
        var armed = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var wait = await clock.NextWait();
            armed.Add(wait.Due);
            clock.Advance(wait.Due);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        // The clock's timers count whole milliseconds; the wait armed is the one reported, so cut.
        Assert.Equal(count, armed.Count);
        Assert.All(armed.Zip(reported), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
        return armed;
    }

    private static async Task RunFailing(ResiliencePipeline pipeline, WatchedClock clock, int failures)
    {
        var tries = 0;
        var run = pipeline.ExecuteAsync(_ =>
        {
            if (++tries <= failures) throw new IOException("broker down");
            return ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken).AsTask();
        for (var i = 0; i < failures; i++) clock.Advance((await clock.NextWait()).Due);
        await run;
        Assert.Equal(failures + 1, tries);
    }
}
