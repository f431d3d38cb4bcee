namespace PrintFarm.Dispatch;

/// <summary>
/// The register of pools (technology + material) that have a dispatcher, for the farm's queue
/// view: each dispatcher tells it when it activates, until heard, and again now and then. One per
/// farm, on the operators' path only; nothing that places or prints an order waits on it.
/// </summary>
[Alias("PrintFarm.IPoolsGrain")]
public interface IPoolsGrain : IGrainWithStringKey
{
    /// <summary>The one grain of its kind in the farm has this key.</summary>
    const string Key = "farm";

    /// <summary>
    /// A pool's dispatcher is there. Interleaves: the register may at that moment be waiting on
    /// that same dispatcher for the queue view.
    /// </summary>
    [AlwaysInterleave, Alias("Known")]
    Task Known(string pool);

    [Alias("List")]
    Task<List<string>> List();

    /// <summary>Every pool's queue, merged in serving order; asks each pool's dispatcher.</summary>
    [Alias("Queue")]
    Task<QueueView> Queue(int take);
}
