namespace PrintFarm.Storage;

/// <summary>
/// One grain's state write shared by every caller that changed the state while the write before
/// was running: a group commit. A grain whose calls interleave (a hub that every order tells)
/// would otherwise write its whole state once per call, one after the other; here a caller's
/// change goes out with the next write, and the caller hears back when that write is stored.
/// Never two writes at once, so the storage's etag check never sees two writers. The grain's
/// scheduler runs one turn at a time, so no lock is needed.
/// </summary>
public sealed class GroupWrite(Func<Task> write)
{
    private Task _running = Task.CompletedTask;
    private TaskCompletionSource? _queued;

    /// <summary>Writes now if nothing is being written, else with the next write; completes once the change is stored.</summary>
    public Task Write()
    {
        if (_queued is { } waiting) return waiting.Task; // a write is queued behind the running one: join it
        if (!_running.IsCompleted)
        {
            _queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _queued.Task;
        }
        return _running = First();
    }

    private async Task First()
    {
        try { await write(); }
        finally { StartQueued(); }
    }

    private async Task Queued(TaskCompletionSource waiting)
    {
        try
        {
            await write();
            waiting.TrySetResult();
        }
        catch (Exception e)
        {
            waiting.TrySetException(e);
        }
        finally
        {
            StartQueued();
        }
    }

    private void StartQueued()
    {
        if (_queued is not { } waiting) return;
        _queued = null;
        _running = Queued(waiting);
    }
}
