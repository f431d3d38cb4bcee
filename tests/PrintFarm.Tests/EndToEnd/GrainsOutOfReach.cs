namespace PrintFarm.Tests.EndToEnd;

/// <summary>
/// Makes every call to the chosen grain interfaces hang, then fail, as a call to a grain on a
/// silo that has just died does before Orleans declares it dead and moves the grain: the caller
/// waits, and gets nothing. Registered in one farm's silo only.
/// </summary>
public sealed class GrainsOutOfReach(params Type[] interfaces) : IIncomingGrainCallFilter
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);
    private readonly HashSet<Type> _cut = [.. interfaces];
    private TaskCompletionSource _back = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public bool Active { get; private set; } = true;

    /// <summary>The grains are back: calls hanging now fail at once (as the dead silo's calls do once it is declared dead), later calls go through.</summary>
    public void Restore()
    {
        Active = false;
        _back.TrySetResult();
    }

    /// <summary>The grains go out of reach (again): for a farm that had to start with them.</summary>
    public void Cut()
    {
        _back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Active = true;
    }

    /// <summary>How many calls met a grain out of reach.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Active && context.InterfaceMethod?.DeclaringType is { } type && _cut.Contains(type))
        {
            Interlocked.Increment(ref _calls);
            await Task.WhenAny(Task.Delay(Hang), _back.Task);
            throw new TimeoutException($"{type.Name} is out of reach (test)");
        }
        await context.Invoke();
    }
}
