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
    public required OrderPlacementFigures Placement { get; init; }
    public required SteadyOrderFigures SteadyOrders { get; init; }
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
        SiloRows(o);
        foreach (var flood in Ingest.Floods)
        {
            var when = flood.WithPrintersRunning ? ", printers running" : "";
            Row(o, $"broker flood, {flood.Topics} topics: do-nothing / farm (msg/s)", $"{F(flood.IdleSubscriberPerSecond)} / {F(flood.FarmPerSecond)}",
                $"published {F(flood.PublishedPerSecond)}{when}");
            Row(o, $"farm / do-nothing subscriber, {flood.Topics} topics", P(flood.Ratio), $">= 70 % {Met(flood.Ratio >= FloodFigures.TargetRatio)}");
        }
        Row(o, "publish -> printer grain p50 / p99 / max (ms)", L(TelemetryLatencyMs), $"p99 < 50 {Met(TelemetryLatencyMs.Count > 0 && TelemetryLatencyMs.P99 < 50)}");
        Row(o, "job finish -> estimate on SSE p50 / p99 / max (ms)",
            L(new LatencySummary(CompletionToSse.Seen, CompletionToSse.P50, CompletionToSse.P99, CompletionToSse.Max)),
            $"{CompletionToSse.Seen}/{CompletionToSse.Followed} orders seen");
        StartRows(o);
        MemoryRows(o);
        PlacementRows(o);
        Row(o, "steady window: short orders placed (per s)", $"{SteadyOrders.Placed} ({F(SteadyOrders.PerSecond)}/s, {SteadyOrders.Refused} refused, {SteadyOrders.AskedToWait} waits)", "8 at once");
        Row(o, $"dispatch: {Dispatch.QueuedJobs} queued jobs to {Dispatch.Printers} idle printers (s)",
            Dispatch.OnlineToAllPrintingSeconds is { } d ? d.ToString("F1", CultureInfo.InvariantCulture) : Dispatch.QueuedJobs == 0 ? "n/a" : "did not finish",
            Dispatch.OnlineToAllPrintingSeconds is { } ds ? $"< 1 {Met(ds < 1)}" : Dispatch.QueuedJobs == 0 ? "skipped (--dispatch-jobs 0)" : "< 1 NOT met");
        Row(o, $"dispatch plan alone, in process (ms)", Dispatch.PlanMilliseconds.ToString("F1", CultureInfo.InvariantCulture), "");
        Row(o, "PostgreSQL rows written / commits (per s)", Storage.WritesPerSecond is { } w ? $"{F(w)} / {F(Storage.CommitsPerSecond)}" : "n/a", Storage.Source);
        ConsoleRows(o);
        foreach (var note in Notes) o.WriteLine($"  * {note}");
    }

    private void SiloRows(TextWriter o)
    {
        var a = Ingest.Accounting;
        for (var i = 0; i < a.PerSiloTelemetryPerSecond.Count && a.PerSiloTelemetryPerSecond.Count > 1; i++)
            Row(o, $"silo {i}: telemetry ingested (msg/s, share)", $"{F(a.PerSiloTelemetryPerSecond[i])} ({P(a.Share(i))})", "");
        Row(o, "nothing lost: telemetry published / ingested (msg/s)", $"{F(a.PublishedPerSecond)} / {F(a.IngestedPerSecond)} ({P1(a.TelemetryReached)})",
            $">= 99 % {Met(a.TelemetryReached >= 0.99)}; {a.TelemetrySkipped} not published by the simulators");
        Row(o, a.PerSiloTelemetryPerSecond.Count > 1 ? "nothing lost: events sent / handled by each silo (per s)" : "nothing lost: events (QoS 1) sent / handled (per s)", $"{F1(a.EventsSentPerSecond)} / {F1(a.EventsHandledPerSecond)} ({P1(a.EventsReached)})",
            a.EventsSentPerSecond > 0 ? $">= 99 % {Met(a.EventsReached >= 0.99)}; {a.PendingEventsAtEnd} unacknowledged at the end" : "no events in the window");
    }

    /// <summary>One row per step: from starting its simulator to the farm having stored a status of each of its printers.</summary>
    private void StartRows(TextWriter o)
    {
        foreach (var step in Memory.Steps)
        {
            Row(o, $"{step.Printers} printers online: first statuses stored (s)",
                step.FirstStatusesSeconds is { } t ? t.ToString("F1", CultureInfo.InvariantCulture) : "timed out",
                step.FirstStatusesSeconds is null ? step.Problem ?? "" : $"{F(step.StatusesPerSecond)} statuses/s for the {step.AddedPrinters} printers of step {step.Step}");
        }
    }

    private void MemoryRows(TextWriter o)
    {
        var m = Memory;
        Row(o, Settings.Silos > 1 ? "silos' heap / RSS (sum), farm idle (MB)" : "silo heap / RSS, farm idle (MB)", $"{Mb(m.Baseline.ManagedHeapBytes)} / {Mb(m.Baseline.ProcessRssBytes)}", "");
        if (m.Steps.Count == 0) return;
        o.WriteLine();
        o.WriteLine($"  {"printers",8} {"open orders",11} {"heap MB",8} {"RSS MB",7}   {"KB per printer heap/RSS",24} {"KB per open order heap/RSS",27}   {"(from idle: per printer, per order)",0}");
        for (var i = 0; i < m.Steps.Count; i++)
        {
            var step = m.Steps[i];
            var previous = m.FromPrevious(i);
            var idle = m.FromBaseline(i);
            var accepted = step.OpenOrdersAccepted ? "" : " (not all queued)";
            o.WriteLine($"  {step.Printers,8} {step.OpenOrders,11} {Mb(step.Memory.ManagedHeapBytes),8} {Mb(step.Memory.ProcessRssBytes),7}   " +
                        $"{Kb(previous.HeapPerPrinter) + " / " + Kb(previous.RssPerPrinter),24} {Kb(previous.HeapPerOpenOrder) + " / " + Kb(previous.RssPerOpenOrder),27}   " +
                        $"{Kb(idle.HeapPerPrinter)} / {Kb(idle.RssPerPrinter)}, {Kb(idle.HeapPerOpenOrder)} / {Kb(idle.RssPerOpenOrder)}{accepted}");
        }
        o.WriteLine("  (slopes from the step before; printers and open orders grow together, so each slope carries all of the growth)");
        o.WriteLine();
        var last = m.Final!;
        // With several silos the figures are their sum: the farm's memory, not one process's.
        var whose = Settings.Silos > 1 ? $"{Settings.Silos} silos' RSS" : "RSS";
        Row(o, $"{whose} with {last.Printers} printers and {last.OpenOrders} open orders (MB)", F(m.FinalRssMb), $"< 2048 {Met(m.TargetMet)}");
        if (m.Settled is { } settled)
            Row(o, $"  the same, {m.SettledAfterSeconds:F0} s later: heap / {whose} (MB)", $"{Mb(settled.ManagedHeapBytes)} / {Mb(settled.ProcessRssBytes)}",
                "waiting orders and jobs back in storage (Activations:*IdleAfter)");
    }

    private void PlacementRows(TextWriter o)
    {
        var p = Placement;
        Row(o, $"open orders placed (per s, {p.Concurrency} at once)", $"{p.Placed} ({F(p.OrdersPerSecond)}/s, {p.Refused} refused, {p.AskedToWait} waits)", $"in {p.Seconds:F0} s over the steps");
        Row(o, "database ceiling: grain-storage upserts (per s)", F(p.Ceiling.UpsertsPerSecond),
            p.Ceiling.UpsertsPerSecond is null ? p.Ceiling.Problem ?? "" : $"WriteToStorage, {p.Ceiling.Concurrency} at once, pool {p.Ceiling.PoolSize}, {p.Ceiling.Seconds:F0} s" + (p.Ceiling.Problem is null ? "" : $"; {p.Ceiling.Problem}"));
        Row(o, "orders placed / database ceiling", P(p.CeilingRatio), $">= 50 % {Met(p.CeilingRatio >= OrderPlacementFigures.TargetRatio)}");
        Row(o, "PostgreSQL per order placed: rows written / commits", p.Writes is null ? "n/a" : $"{F1(p.RowsPerOrder)} / {F1(p.CommitsPerOrder)}",
            p.Writes is { Tables.Count: > 0 } w ? "most rows: " + string.Join(", ", w.Tables.Take(3).Select(t => $"{t.Table} {F1(t.Rows / (double)Math.Max(1, p.Placed))}")) : "");
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
    private static string F1(double? v) => v is { } x ? x.ToString("N1", CultureInfo.InvariantCulture) : "n/a";
    private static string P1(double? v) => v is { } x ? (x * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";
    private static string L(LatencySummary l) => l.Count == 0 ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"{l.P50:F1} / {l.P99:F1} / {l.Max:F0}");
}

public sealed record ClusterBenchSettingsView(int Printers, int Connections, int Silos, string Storage, double DurationSeconds,
    int OrdersAsked, int FollowedOrders, double FloodSeconds, int Cores, List<int> StepPercents, int OpenOrdersPerPrinter);

/// <summary>
/// Offered: telemetry the simulators published per second in the steady window. Farm: telemetry
/// the silos handed to printer grains per second in the same window. Floods: what the broker
/// delivers to a do-nothing subscriber and what the farm ingests, at one or two topic counts.
/// </summary>
public sealed record IngestFigures(double OfferedPerSecond, double FarmPerSecond, List<FloodFigures> Floods, TelemetryAccounting Accounting)
{
    public double SteadyRatio => OfferedPerSecond > 0 ? FarmPerSecond / OfferedPerSecond : 0;
}

/// <summary>Milliseconds from a job's finish event on the broker to the SSE event showing the part past printing.</summary>
public sealed record SseFigures(int Followed, int Seen, double? P50, double? P99, double? Max);

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
public sealed record StorageFigures(double? WritesPerSecond, double? CommitsPerSecond, string Source)
{
    /// <summary>Which tables took the rows over the window.</summary>
    public List<TableWrites> Tables { get; init; } = [];
}
