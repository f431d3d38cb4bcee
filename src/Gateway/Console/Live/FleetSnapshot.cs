using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Live;

/// <summary>
/// The fleet as this gateway last heard it. <see cref="ChangedAt"/> holds, per printer, the
/// number of the snapshot in which its tile last changed, so a reader that skipped snapshots
/// still finds every tile that moved since the one it showed.
/// </summary>
public sealed record FleetSnapshot(
    long Number,
    DateTimeOffset At,
    IReadOnlyDictionary<string, PrinterSummary> Printers,
    IReadOnlyDictionary<string, long> ChangedAt)
{
    public static readonly FleetSnapshot Empty = new(0, DateTimeOffset.MinValue, new Dictionary<string, PrinterSummary>(), new Dictionary<string, long>());

    public bool ChangedSince(string printerId, long number) => ChangedAt.TryGetValue(printerId, out var at) && at > number;
}
