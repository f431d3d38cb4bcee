namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Milliseconds from a printer's state change to its tile on the live stream showing the new
/// state, for the printers of the watched page: the change is the first telemetry message with
/// the new activity, at the printer's own clock (<see cref="PrinterStateWatcher"/>); the tile is
/// the first tile event for that printer with the new <c>data-state</c> after it.
/// </summary>
public sealed record TileLatencyFigures(string Method, int WatchedPrinters, int Changes, int Seen, double? P50, double? P95, double? Max, string? Problem)
{
    public const string MqttTelemetry = "MQTT telemetry (printer's At) -> tile event";

    public static TileLatencyFigures NotMeasured(string problem) => new(MqttTelemetry, 0, 0, 0, null, null, null, problem);

    /// <summary>
    /// Matches each change inside [<paramref name="from"/>, <paramref name="until"/>] to the first
    /// tile after it showing its state. A change undone before the next refresh may never show
    /// (the tile goes straight back): it counts among the changes, not among the seen.
    /// </summary>
    public static TileLatencyFigures Match(int watched, IEnumerable<PrinterStateChange> changes, IEnumerable<TileSeen> tiles,
        DateTimeOffset from, DateTimeOffset until)
    {
        var byPrinter = tiles.GroupBy(t => t.PrinterId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.At).ToList(), StringComparer.Ordinal);
        var latencies = new List<double>();
        var counted = 0;
        foreach (var change in changes.Where(c => c.At >= from && c.At <= until))
        {
            counted++;
            if (!byPrinter.TryGetValue(change.PrinterId, out var seen)) continue;
            if (seen.FirstOrDefault(t => t.At >= change.At && t.State == change.State) is { } tile)
                latencies.Add((tile.At - change.At).TotalMilliseconds);
        }
        latencies.Sort();
        return new TileLatencyFigures(MqttTelemetry, watched, counted, latencies.Count,
            Quantile(latencies, 0.5), Quantile(latencies, 0.95), latencies.Count > 0 ? latencies[^1] : null,
            counted == 0 ? "no state change on the watched page in the window" : null);
    }

    private static double? Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
