using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace PrintFarm.Storage;

/// <summary>
/// How far this silo's database is behind: the grain storage operations (reads, writes, clears)
/// started and not yet finished. Every grain write that is owed (a job's move, a printer's
/// status, an order's notices) must still happen, so the only thing the farm can hold back when
/// the database falls behind is new work: an order is turned away before anything of it is
/// stored (<see cref="TakesNewWork"/>), and the customer is told to send it again, rather than
/// accepted into a queue of writes so long that grain calls time out behind it.
/// One per silo; counted by the storage wrapper around the farm's provider, and published as
/// meter <c>PrintFarm.Storage</c>.
/// </summary>
public sealed class StorageLoad
{
    public const string MeterName = "PrintFarm.Storage";

    private readonly int _most;
    private readonly Counter<long> _turnedAwayCounter;
    private long _inFlight, _turnedAway;

    public StorageLoad(IOptions<StorageLoadOptions> options, IMeterFactory meters)
    {
        _most = options.Value.MostOperationsInFlight;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("printfarm.storage.in_flight", () => InFlight, description: "Grain storage operations started on this silo and not yet finished");
        _turnedAwayCounter = meter.CreateCounter<long>("printfarm.orders.turned_away", description: "New orders refused with 503 because the database was behind");
    }

    /// <summary>Storage operations started on this silo and not yet finished.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>New orders refused since the silo started because the database was behind.</summary>
    public long TurnedAway => Interlocked.Read(ref _turnedAway);

    /// <summary>False while <see cref="InFlight"/> is at the limit; always true when the limit is 0 (off).</summary>
    public bool TakesNewWork => _most == 0 || InFlight < _most;

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// True when new work may start; false (counted in <see cref="TurnedAway"/>) when the
    /// database is too far behind, and the caller answers <see cref="FarmBusyException"/>.
    /// </summary>
    public bool TryAdmitNewWork()
    {
        if (TakesNewWork) return true;
        Interlocked.Increment(ref _turnedAway);
        _turnedAwayCounter.Add(1);
        return false;
    }
}
