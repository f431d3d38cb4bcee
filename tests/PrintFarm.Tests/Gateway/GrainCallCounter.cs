using System.Collections.Concurrent;

namespace PrintFarm.Tests.Gateway;

/// <summary>Counts the grain calls a silo receives, by grain id: proves a reader's bad id reached no grain.</summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public int CallsTo(string grainKey) => _calls.Where(c => c.Key.EndsWith("/" + grainKey, StringComparison.Ordinal)).Sum(c => c.Value);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.AddOrUpdate(context.TargetId.ToString(), 1, (_, n) => n + 1);
        return context.Invoke();
    }
}
