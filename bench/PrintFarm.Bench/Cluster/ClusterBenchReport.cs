using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrintFarm.Metrics;

namespace PrintFarm.Bench.Cluster;

/// <summary>Everything one run of the cluster benchmark measured; written as the table and as JSON.</summary>
public sealed record ClusterBenchReport
{
    public required DateTimeOffset At { get; init; }
    public required ClusterBenchSettingsView Settings { get; init; }
    public required IngestFigures Ingest { get; init; }
    public required LatencySummary TelemetryLatencyMs { get; init; }
    public required SseFigures CompletionToSse { get; init; }
    public required MemoryFigures Memory { get; init; }
    public required DispatchFigures Dispatch { get; init; }
    public required StorageFigures Storage { get; init; }
    public required ConsoleFigures Console { get; init; }
    public List<string> Notes { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    });

    public void WriteTable(TextWriter o)
    {
        var s = Settings;
        o.WriteLine($"Cluster benchmark: {s.Printers} printers at 1 Hz on {s.Connections} shared MQTT connections, {s.Silos} silo(s), " +
                    $"{s.Storage} storage, mosquitto, {Environment.ProcessorCount} cores; steady window {s.DurationSeconds:F0} s");
        o.WriteLine();
        Row(o, "measure", "value", "target");
        Row(o, "telemetry offered (msg/s)", F(Ingest.OfferedPerSecond), "");
        Row(o, "telemetry ingested by the farm (msg/s)", F(Ingest.FarmPerSecond), $"{F(Ingest.OfferedPerSecond)} {Met(Ingest.FarmPerSecond >= 0.99 * Ingest.OfferedPerSecond)}");
        Row(o, "broker flood: do-nothing subscriber (msg/s)", F(Ingest.IdleSubscriberCeiling), "");
        Row(o, "broker flood: farm ingest (msg/s)", F(Ingest.FarmCeiling), "");
        Row(o, "farm / do-nothing subscriber", P(Ingest.CeilingRatio), $">= 70 % {Met(Ingest.CeilingRatio >= 0.7)}");
        Row(o, "publish -> printer grain p50 / p99 / max (ms)", L(TelemetryLatencyMs), $"p99 < 100 {Met(TelemetryLatencyMs.P99 < 100)}");
        Row(o, "job finish -> estimate on SSE p50 / p99 / max (ms)",
            L(new LatencySummary(CompletionToSse.Seen, CompletionToSse.P50, CompletionToSse.P99, CompletionToSse.Max)),
            $"{CompletionToSse.Seen}/{CompletionToSse.Followed} orders seen");
        Row(o, "silo heap / RSS, farm idle (MB)", $"{Mb(Memory.Baseline.ManagedHeapBytes)} / {Mb(Memory.Baseline.ProcessRssBytes)}", "");
        Row(o, $"silo heap / RSS, {s.Printers} printers (MB)", $"{Mb(Memory.WithPrinters.ManagedHeapBytes)} / {Mb(Memory.WithPrinters.ProcessRssBytes)}", "");
        Row(o, $"silo heap / RSS, + {Memory.OrdersPlaced} orders (MB)", $"{Mb(Memory.WithOrders.ManagedHeapBytes)} / {Mb(Memory.WithOrders.ProcessRssBytes)}", "");
        Row(o, "per printer: heap / RSS (KB)", $"{Kb(Memory.PerPrinterHeapBytes)} / {Kb(Memory.PerPrinterRssBytes)}", "");
        Row(o, "per order: heap / RSS (KB)", $"{Kb(Memory.PerOrderHeapBytes)} / {Kb(Memory.PerOrderRssBytes)}", "");
        Row(o, "10,000 printers + 100,000 orders, extrapolated (MB RSS)", F(Memory.ExtrapolatedRssMbFor10kPrinters100kOrders), $"< 2048 {Met(Memory.ExtrapolatedRssMbFor10kPrinters100kOrders < 2048)}");
        Row(o, "orders placed (per s)", $"{Memory.OrdersPlaced} ({F(Memory.OrdersPerSecond)}/s, {Memory.OrdersFailed} refused)", "");
        Row(o, $"dispatch: {Dispatch.QueuedJobs} queued jobs to {Dispatch.Printers} idle printers (s)",
            Dispatch.OnlineToAllPrintingSeconds is { } d ? d.ToString("F1", CultureInfo.InvariantCulture) : "did not finish", "");
        Row(o, $"dispatch plan alone, in process (ms)", Dispatch.PlanMilliseconds.ToString("F1", CultureInfo.InvariantCulture), "");
        Row(o, "PostgreSQL rows written / commits (per s)", Storage.WritesPerSecond is { } w ? $"{F(w)} / {F(Storage.CommitsPerSecond)}" : "n/a", Storage.Source);
        ConsoleRows(o);
        foreach (var note in Notes) o.WriteLine($"  * {note}");
    }

    private void ConsoleRows(TextWriter o)
    {
        var r = Console.Render;
        if (r.Problem is not null && r.WarmMs is null)
        {
            Row(o, "console fleet page: cold / warm render (ms)", "n/a", r.Problem);
            Row(o, "console fleet page: every page, every tile (ms)", "n/a", r.Problem);
        }
        else
        {
            Row(o, "console fleet page: cold / warm render (ms)", $"{Ms(r.ColdMs)} / {Ms(r.WarmMs)}",
                $"{Kb(r.PageBytes)} KB per page; all {r.Printers} shown after {Ms(r.UntilAllMs)} ms ({r.Requests} req.)");
            Row(o, $"console fleet page: all {r.Pages} pages, every tile (ms)", Ms(r.AllPagesMs),
                $"{r.TilesRendered}/{r.Printers} tiles, {Kb(r.AllPagesBytes)} KB" + (r.Problem is null ? "" : $"; {r.Problem}"));
        }
        var st = Console.Stream;
        Row(o, "console live stream, page 1 (bytes/s, events/s)",
            st.Seconds is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{F(st.BytesPerSecond)} / {st.EventsPerSecond:F1}"),
            st.Seconds is null ? st.Problem ?? "" : string.Create(CultureInfo.InvariantCulture, $"{st.Bytes:N0} B, {st.Events} swaps, {st.Tiles} tiles in {st.Seconds:F0} s")
                + (st.Seconds is not null && st.Problem is not null ? $"; {st.Problem}" : ""));
        var t = Console.TileLatency;
        Row(o, "state change (MQTT At) -> tile p50 / p95 / max (ms)",
            t.Seen == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{t.P50:F0} / {t.P95:F0} / {t.Max:F0}"),
            t.Seen == 0 && t.Problem is not null ? t.Problem : $"{t.Seen}/{t.Changes} changes seen, {t.WatchedPrinters} printers watched");
    }

    private static string Ms(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "n/a";
    private static string Kb(long? v) => v is { } x ? (x / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static void Row(TextWriter o, string a, string b, string c) => o.WriteLine($"{a,-58} {b,-30} {c}");
    private static string F(double? v) => v is { } x ? x.ToString("N0", CultureInfo.InvariantCulture) : "n/a";
    private static string P(double? v) => v is { } x ? (x * 100).ToString("F0", CultureInfo.InvariantCulture) + " %" : "n/a";
    private static string Mb(long v) => (v / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);
    private static string Kb(double? v) => v is { } x ? (x / 1024).ToString("F1", CultureInfo.InvariantCulture) : "n/a";
    private static string Met(bool? ok) => ok == true ? "met" : "NOT met";
    private static string L(LatencySummary l) => l.Count == 0 ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"{l.P50:F1} / {l.P99:F1} / {l.Max:F0}");
}

public sealed record ClusterBenchSettingsView(int Printers, int Connections, int Silos, string Storage, double DurationSeconds,
    int OrdersAsked, int FollowedOrders, double FloodSeconds, int Cores);

/// <summary>
/// Offered: telemetry the simulator published per second in the steady window. Farm: telemetry the
/// silos handed to printer grains per second in the same window. Ceilings: a flood of QoS 0
/// telemetry as fast as the bench can publish, received by a subscriber that only counts (before
/// the farm starts), then ingested by the farm (silos' counters over the flood).
/// </summary>
public sealed record IngestFigures(double OfferedPerSecond, double FarmPerSecond, double IdleSubscriberCeiling, double FarmCeiling,
    double FloodPublishedPerSecond)
{
    public double CeilingRatio => IdleSubscriberCeiling > 0 ? FarmCeiling / IdleSubscriberCeiling : 0;
    public double SteadyRatio => OfferedPerSecond > 0 ? FarmPerSecond / OfferedPerSecond : 0;
}

/// <summary>Milliseconds from a job's finish event on the broker to the SSE event showing the part past printing.</summary>
public sealed record SseFigures(int Followed, int Seen, double? P50, double? P99, double? Max);

public sealed record MemoryPoint(long ManagedHeapBytes, long ProcessRssBytes);

public sealed record MemoryFigures(MemoryPoint Baseline, MemoryPoint WithPrinters, MemoryPoint WithOrders, int Printers,
    long OrdersPlaced, long OrdersFailed, double PlacementSeconds, long JobsPlaced)
{
    public double OrdersPerSecond => PlacementSeconds > 0 ? OrdersPlaced / PlacementSeconds : 0;
    public double? PerPrinterHeapBytes => Printers > 0 ? (WithPrinters.ManagedHeapBytes - Baseline.ManagedHeapBytes) / (double)Printers : null;
    public double? PerPrinterRssBytes => Printers > 0 ? (WithPrinters.ProcessRssBytes - Baseline.ProcessRssBytes) / (double)Printers : null;
    public double? PerOrderHeapBytes => OrdersPlaced > 0 ? (WithOrders.ManagedHeapBytes - WithPrinters.ManagedHeapBytes) / (double)OrdersPlaced : null;
    public double? PerOrderRssBytes => OrdersPlaced > 0 ? (WithOrders.ProcessRssBytes - WithPrinters.ProcessRssBytes) / (double)OrdersPlaced : null;

    /// <summary>Idle silo + 10,000 × per printer + 100,000 × per order, from this run's slopes.</summary>
    public double? ExtrapolatedRssMbFor10kPrinters100kOrders => PerPrinterRssBytes is { } p && PerOrderRssBytes is { } o
        ? (Baseline.ProcessRssBytes + 10_000 * Math.Max(0, p) + 100_000 * Math.Max(0, o)) / 1048576.0
        : null;
}

/// <summary>
/// Jobs queued for a material no printer had, then printers loaded with it come online: the
/// seconds from the simulator reporting all of them online to all of them printing a job.
/// </summary>
public sealed record DispatchFigures(int QueuedJobs, int Printers, double? OnlineToAllPrintingSeconds, double? StartToAllPrintingSeconds,
    double PlanMilliseconds);

/// <summary>
/// PostgreSQL over the steady window: rows inserted, updated and deleted per second
/// (pg_stat_user_tables) and committed transactions per second (pg_stat_database).
/// </summary>
public sealed record StorageFigures(double? WritesPerSecond, double? CommitsPerSecond, string Source);
