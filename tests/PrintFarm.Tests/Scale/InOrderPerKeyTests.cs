using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Tests.Scale;

[Trait("Category", "Unit")]
public sealed class InOrderPerKeyTests
{
    [Fact]
    public async Task Work_for_one_key_runs_in_order_even_when_the_first_is_slow()
    {
        var runner = new InOrderPerKey();
        var seen = new List<int>();
        var release = new TaskCompletionSource();
        var first = runner.Run("farm/printers/p1/events", async () => { await release.Task; lock (seen) seen.Add(1); });
        var second = runner.Run("farm/printers/p1/events", () => { lock (seen) seen.Add(2); return Task.CompletedTask; });

        Assert.False(second.IsCompleted);
        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task A_slow_key_does_not_hold_up_another()
    {
        var runner = new InOrderPerKey();
        var release = new TaskCompletionSource();
        var slow = runner.Run("a", () => release.Task);
        var other = runner.Run("b", () => Task.CompletedTask);

        await other.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(slow.IsCompleted);
        release.SetResult();
        await slow;
    }

    [Fact]
    public async Task A_failure_does_not_stop_the_next_item_and_a_finished_key_is_forgotten()
    {
        var runner = new InOrderPerKey();
        var failed = runner.Run("a", () => throw new InvalidOperationException("boom"));
        var ranAfter = false;
        var next = runner.Run("a", () => { ranAfter = true; return Task.CompletedTask; });

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        await next;
        Assert.True(ranAfter);
        await Eventually.Get(() => Task.FromResult(runner.Busy), busy => busy == 0, TimeSpan.FromSeconds(10), "the key to be forgotten");
    }
}
