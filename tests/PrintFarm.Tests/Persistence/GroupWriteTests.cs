using PrintFarm.Storage;

namespace PrintFarm.Tests.Persistence;

[Trait("Category", "Unit")]
public sealed class GroupWriteTests
{
    [Fact]
    public async Task Changes_made_while_a_write_runs_go_out_together_in_the_next_one()
    {
        var writes = new List<TaskCompletionSource>();
        var running = 0;
        var most = 0;
        var group = new GroupWrite(async () =>
        {
            most = Math.Max(most, ++running);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            writes.Add(done);
            await done.Task;
            running--;
        });

        var first = group.Write();
        var second = group.Write();
        var third = group.Write();
        Assert.Single(writes);
        Assert.False(second.IsCompleted);

        writes[0].SetResult();
        await first;
        await WaitFor(() => writes.Count == 2);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        writes[1].SetResult();
        await Task.WhenAll(second, third);
        Assert.Equal(2, writes.Count);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_next_change_writes_again()
    {
        var fail = true;
        var calls = 0;
        var group = new GroupWrite(() =>
        {
            calls++;
            return fail ? Task.FromException(new InvalidOperationException("storage down")) : Task.CompletedTask;
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.Write());
        fail = false;
        await group.Write();
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Callers_waiting_for_the_next_write_hear_its_failure()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var group = new GroupWrite(async () =>
        {
            if (++calls == 1) { await gate.Task; return; }
            throw new InvalidOperationException("storage down");
        });

        var first = group.Write();
        var second = group.Write();
        gate.SetResult();
        await first;
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        Assert.Equal(2, calls);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
