using Microsoft.Extensions.Logging;

namespace PrintFarm.LocalCopies;

/// <summary>
/// A value the farm keeps in one grain (learned print times, maintenance windows), copied to every
/// silo and refreshed there in the background. Grains read <see cref="Current"/> from memory, so
/// nothing on a customer's path waits on the one grain that owns the value, or fails when the
/// silo holding it has just died: they work from the last copy, and say so when it is old.
/// </summary>
public abstract partial class LocalCopy<T>(IGrainFactory grains, TimeProvider clock, ILogger logger) : ILocalCopy where T : class
{
    private volatile Copy? _current;

    protected TimeProvider Clock => clock;

    /// <summary>The value as last fetched, with when; null until the first fetch succeeds.</summary>
    public Copy? Current => _current;

    /// <summary>What this copy holds, for logs.</summary>
    public abstract string Name { get; }

    /// <summary>Reads the value from the grain that owns it.</summary>
    protected abstract Task<T> Fetch(IGrainFactory grains);

    /// <summary>Fetches the value now. Throws when its owner is out of reach; <see cref="Current"/> is then unchanged.</summary>
    public async Task Refresh()
    {
        var value = await Fetch(grains);
        var first = _current is null;
        _current = new Copy(value, clock.GetUtcNow());
        if (first) LogFirstCopy(Name);
    }

    /// <summary>Refreshes, logging rather than throwing: the old copy stays in use.</summary>
    public async Task<bool> TryRefresh()
    {
        try
        {
            await Refresh();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRefreshed(Name, _current?.FetchedAt, ex.Message);
            return false;
        }
    }

    public sealed record Copy(T Value, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo has its copy of the {Name}")]
    private partial void LogFirstCopy(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo's copy of the {Name} could not be refreshed (working from the copy of {FetchedAt}): {Error}")]
    private partial void LogNotRefreshed(string name, DateTimeOffset? fetchedAt, string error);
}
